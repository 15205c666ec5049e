using System.Collections.Immutable;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// One anomaly between rules of the pooled rule list of one NIC and direction. Field names follow
/// Contracts.Analysis.RuleAnomaly.
/// </summary>
public sealed record RuleAnomalyFinding
{
    public required AnomalyType Type { get; init; }

    public required string NetworkInterfaceId { get; init; }

    public required string DeviceName { get; init; }

    public required Direction Direction { get; init; }

    /// <summary>The rule the finding is about (the shadowed, redundant or later rule).</summary>
    public required string SecurityGroupRuleId { get; init; }

    /// <summary>The rule it is in conflict with: for a shadowed rule the first rule that decides otherwise.</summary>
    public required string OtherSecurityGroupRuleId { get; init; }

    /// <summary>
    /// Every other rule involved, in evaluation order: for a rule shadowed or made redundant by several earlier
    /// rules together, all of them; otherwise just <see cref="OtherSecurityGroupRuleId"/>.
    /// </summary>
    public required ImmutableArray<string> OtherSecurityGroupRuleIds { get; init; }

    public required string Explanation { get; init; }
}
