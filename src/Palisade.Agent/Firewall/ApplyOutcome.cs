namespace Palisade.Agent.Firewall;

internal enum ApplyStatus
{
    /// <summary>The kernel now enforces the new ruleset.</summary>
    Applied,

    /// <summary>The kernel already enforced exactly this ruleset; nothing was replaced.</summary>
    Unchanged,

    /// <summary>Compiling or loading failed; the previous ruleset stays in force.</summary>
    Failed,
}

/// <summary>
/// What became of one desired state; <see cref="Error"/> says why it failed (nft's message). <see cref="Steps"/> is
/// set when the table was replaced.
/// </summary>
internal sealed record ApplyOutcome(ApplyStatus Status, string? Error = null, TimeSpan Duration = default, ApplySteps? Steps = null)
{
    public bool Succeeded => Status != ApplyStatus.Failed;
}
