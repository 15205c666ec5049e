namespace Palisade.TestSupport.Network;

/// <summary>What a finished command printed and how it exited.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Returns this result, or throws <see cref="LabCommandException"/> with the command's stderr.</summary>
    public CommandResult EnsureSuccess() => Succeeded ? this : throw new LabCommandException(this);
}
