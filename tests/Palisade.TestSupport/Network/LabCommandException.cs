namespace Palisade.TestSupport.Network;

/// <summary>
/// A lab command (ip, nft, a test tool) exited non-zero. The message carries the command line and its stderr, because
/// that is what a reader of a failed test needs to see first ("Error: syntax error, unexpected ...").
/// </summary>
public sealed class LabCommandException : Exception
{
    public LabCommandException(CommandResult result)
        : base($"'{result.CommandLine}' exited with {result.ExitCode}: {Describe(result)}") => Result = result;

    public LabCommandException(CommandResult result, string context)
        : base($"{context}: '{result.CommandLine}' exited with {result.ExitCode}: {Describe(result)}") => Result = result;

    public CommandResult Result { get; }

    private static string Describe(CommandResult result)
    {
        var text = string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError;
        return string.IsNullOrWhiteSpace(text) ? "(no output)" : text.Trim();
    }
}
