namespace Palisade.Agent.Commands;

/// <summary>How a command ended: its exit code (-1 when it could not start or ran out of time) and its output.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Standard error, or a note of the exit code when the command said nothing, for logs and reports.</summary>
    public string ErrorText => string.IsNullOrWhiteSpace(StandardError) ? $"exit code {ExitCode}" : StandardError.Trim();
}
