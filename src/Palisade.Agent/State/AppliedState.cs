using Palisade.SecurityGroups.Model;

namespace Palisade.Agent.State;

/// <summary>
/// The last ruleset the kernel accepted: the desired state it came from, the allowance it was compiled with, the
/// nft script itself (re-applied after a reboot while the server is away) and which nft counter counts which rule.
/// </summary>
internal sealed record AppliedState
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string InstanceId { get; init; }

    public long Revision { get; init; }

    public required string Digest { get; init; }

    public DateTimeOffset AppliedTime { get; init; }

    public required string TableName { get; init; }

    public required InstancePolicy Policy { get; init; }

    public ManagementAllowance Allowance { get; init; } = ManagementAllowance.None;

    public required string Script { get; init; }

    /// <summary>The compiler's digest of <see cref="Script"/>: a new desired state with the same script is not loaded again.</summary>
    public string ScriptDigest { get; init; } = "";

    public IReadOnlyList<CounterBinding> Counters { get; init; } = [];
}
