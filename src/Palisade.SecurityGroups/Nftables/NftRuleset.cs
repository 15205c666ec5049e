using System.Collections.Immutable;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// A compiled ruleset: one <c>nft -f</c> script that replaces the filter table atomically, and the named counters
/// it declares so that hit counts can be read back and attributed to rules.
/// </summary>
public sealed record NftRuleset
{
    public required string TableName { get; init; }

    /// <summary>The whole script for <c>nft -f</c>; deterministic for the same policy and options.</summary>
    public required string Script { get; init; }

    /// <summary>SHA-256 of <see cref="Script"/> in lowercase hex: equal digests mean nothing to reload.</summary>
    public required string Digest { get; init; }

    /// <summary>Every named counter of the table, ordered by counter name.</summary>
    public ImmutableArray<NftCounter> Counters { get; init; } = [];

    /// <summary>Rule statements in the filter table's chains (base, NIC, layer and verdict chains).</summary>
    public int RuleLineCount { get; init; }

    /// <summary>Elements in all verdict maps.</summary>
    public int SetElementCount { get; init; }

    /// <summary>Verdict maps emitted (one per large layer).</summary>
    public int MapCount { get; init; }
}
