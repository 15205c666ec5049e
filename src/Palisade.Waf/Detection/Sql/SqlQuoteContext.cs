namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// Where the input is assumed to land in the application's query: as a bare value (a number), or inside a string
/// opened by a single or a double quote before the input starts. Trying the three contexts is libinjection's idea.
/// </summary>
internal enum SqlQuoteContext : byte
{
    None,
    Single,
    Double,
}
