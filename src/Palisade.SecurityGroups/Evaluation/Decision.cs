using System.Globalization;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// The answer of <see cref="PolicyEvaluator"/>: the verdict, what decided it, and the deciding entry of the
/// effective policy when an entry decided.
/// </summary>
/// <param name="Verdict">Accept or drop.</param>
/// <param name="DecidedBy">Which check decided.</param>
/// <param name="Entry">The deciding entry (Management, ControlPlane, Rule, IntraGroup, Default); null otherwise.</param>
/// <param name="Direction">The packet's direction.</param>
/// <param name="DeviceName">The interface the packet crossed (the primary NIC when the query named none).</param>
public readonly record struct Decision(
    Verdict Verdict, DecidedBy DecidedBy, PolicyEntry? Entry, Direction Direction, string? DeviceName)
{
    /// <summary>The rule that decided, when a rule decided.</summary>
    public string? SecurityGroupRuleId => Entry?.SecurityGroupRuleId;

    /// <summary>The group of the deciding rule, or the group granting intra-group access.</summary>
    public string? SecurityGroupId => Entry?.SecurityGroupId;

    /// <summary>The deciding rule's priority, when a rule decided.</summary>
    public int? Priority => Entry is { Kind: EntryKind.Rule } entry ? entry.Priority : null;

    /// <summary>One sentence a user can read: the verdict and why.</summary>
    public string Explain()
    {
        var verdict = Verdict == Verdict.Accept ? "Accepted" : "Dropped";
        var where = DeviceName is null ? "" : $" on {DeviceName}";
        var way = Direction == Direction.Ingress ? "inbound" : "outbound";
        return DecidedBy switch
        {
            DecidedBy.Stateful => $"{verdict}{where}: the packet belongs to a connection that was already allowed (stateful).",
            DecidedBy.Invalid => $"{verdict}{where}: the inbound packet belongs to no known connection and cannot start one (invalid state).",
            DecidedBy.Loopback => $"{verdict}: loopback traffic is never filtered.",
            DecidedBy.Infrastructure => $"{verdict}{where}: neighbour discovery and DHCP are always allowed so that the network keeps working.",
            DecidedBy.Unmanaged => $"{verdict}: interface '{DeviceName}' is not a NIC of the instance, so no security group applies to it.",
            DecidedBy.Unprotected => $"{verdict}{where}: the NIC has no security group, so nothing is filtered.",
            DecidedBy.Management when Entry is { } entry =>
                $"{verdict}{where} by the management allowance: tcp/{entry.DestinationPortLow} from {entry.Source} is always allowed so that no rule can lock the operator out.",
            DecidedBy.ControlPlane when Entry is { } entry =>
                $"{verdict}{where} by the management allowance: the agent can always reach the control plane at {entry.Destination} tcp/{entry.DestinationPortLow}.",
            DecidedBy.Rule when Entry is { } entry =>
                string.Create(CultureInfo.InvariantCulture,
                    $"{verdict}{where} ({way}) by rule {entry.SecurityGroupRuleId} (priority {entry.Priority}, {(entry.Verdict == Verdict.Accept ? "accept" : "drop")}) of security group {entry.SecurityGroupId}: the first matching rule in evaluation order."),
            DecidedBy.IntraGroup when Entry is { } entry =>
                $"{verdict}{where} ({way}): the source {entry.Source} is a member of basic security group {entry.SecurityGroupId}, whose members may reach each other.",
            DecidedBy.Default when Entry is null => $"{verdict}{where} ({way}): no entry of the effective policy matched.",
            DecidedBy.Default => DefaultReason(verdict, where),
            _ => $"{verdict}{where} ({way}) by {DecidedBy}.",
        };
    }

    private string DefaultReason(string verdict, string where) => (Direction, Verdict) switch
    {
        (Direction.Ingress, _) => $"{verdict}{where} by the default: no rule allows this inbound traffic, and security groups deny inbound traffic by default.",
        (_, Verdict.Accept) => $"{verdict}{where} by the default: no rule drops this outbound traffic, and basic security groups allow outbound traffic by default.",
        _ => $"{verdict}{where} by the default: no rule allows this outbound traffic, and an enterprise security group denies outbound traffic by default.",
    };
}
