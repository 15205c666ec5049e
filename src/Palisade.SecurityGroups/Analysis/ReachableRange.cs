using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// A range of peer addresses whose new connections are accepted, with what accepts them. Within the range the
/// outcome is uniform: the same source ports are accepted, by the same entries.
/// </summary>
public sealed record ReachableRange
{
    public required AddressRange Range { get; init; }

    /// <summary>
    /// Which source ports are accepted and by what, in port order. Almost always one element covering every source
    /// port; several when rules with a SourcePortRange split the range.
    /// </summary>
    public required ImmutableArray<SourcePortAcceptance> Acceptances { get; init; }

    /// <summary>The accepting decider that comes first in evaluation order.</summary>
    public SourcePortAcceptance FirstAcceptance => Acceptances.MinBy(a => a.Order);

    public DecidedBy DecidedBy => FirstAcceptance.DecidedBy;

    /// <summary>The first accepting entry; null when infrastructure traffic or an unprotected NIC accepts.</summary>
    public PolicyEntry? Entry => FirstAcceptance.Entry;

    public string? SecurityGroupId => Entry?.SecurityGroupId;

    public string? SecurityGroupRuleId => Entry?.SecurityGroupRuleId;

    /// <summary>True when connections from every source port are accepted.</summary>
    public bool AllSourcePorts => Acceptances.Sum(a => a.SourcePorts.Count) == PortSpan.All.Count;

    /// <summary>The range as the smallest list of CIDR blocks.</summary>
    public IReadOnlyList<Cidr> ToCidrs() => Range.ToCidrs();

    public override string ToString() =>
        $"{string.Join(", ", ToCidrs())} by {DecidedBy}{(SecurityGroupRuleId is null ? "" : " " + SecurityGroupRuleId)}" +
        (AllSourcePorts ? "" : $" (source ports {string.Join(", ", Acceptances.Select(a => a.SourcePorts))} only)");
}

/// <summary>Source ports accepted from a <see cref="ReachableRange"/>, and the decider that accepts them.</summary>
/// <param name="SourcePorts">The accepted source ports.</param>
/// <param name="DecidedBy">Rule, IntraGroup, Management, ControlPlane, Default, Infrastructure or Unprotected.</param>
/// <param name="Entry">The accepting entry of the effective policy; null for Infrastructure and Unprotected.</param>
/// <param name="Order">Evaluation order of the decider: infrastructure traffic first, then the entries by index.</param>
public readonly record struct SourcePortAcceptance(PortSpan SourcePorts, DecidedBy DecidedBy, PolicyEntry? Entry, int Order);
