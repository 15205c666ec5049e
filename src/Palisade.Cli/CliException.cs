namespace Palisade.Cli;

/// <summary>
/// A failure the user can act on, with the exit code it maps to. <see cref="CliApp"/> prints it to stderr as
/// "Error: {Message}" followed by one indented line per detail, and never as a stack trace.
/// </summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, IReadOnlyList<string>? details = null)
        : base(message)
    {
        ExitCode = exitCode;
        Details = details ?? [];
    }

    public CliException()
        : this(ExitCodes.ApiRefused, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.ApiRefused, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.ApiRefused;
        Details = [];
    }

    public int ExitCode { get; }

    public IReadOnlyList<string> Details { get; }

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
