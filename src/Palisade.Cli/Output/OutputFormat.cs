namespace Palisade.Cli.Output;

internal enum OutputFormat
{
    /// <summary>Tables and sentences for people.</summary>
    Table,

    /// <summary>The API's response, indented, with the API's field names: for scripts.</summary>
    Json,
}
