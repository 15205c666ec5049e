using Palisade.Core;

namespace Palisade.SecurityGroups.Model;

/// <summary>
/// One validated rule of a security group, in a direction-neutral form: <see cref="Peer"/> is the far end (the
/// source of an ingress rule, the destination of an egress rule) and <see cref="LocalCidr"/> the optional
/// instance-side address (DestCidrIp of an ingress rule, SourceCidrIp of an egress rule).
/// <see cref="PortRange"/> is always the destination port and <see cref="SourcePortRange"/> the source port,
/// as in the cloud API.
/// </summary>
public sealed record SecurityGroupRule
{
    public required string SecurityGroupRuleId { get; init; }

    /// <summary>The group the rule belongs to; pooled rules of several groups keep track of their owner.</summary>
    public string SecurityGroupId { get; init; } = "";

    public required Direction Direction { get; init; }

    public RulePolicy Policy { get; init; } = RulePolicy.Accept;

    /// <summary>1..100; smaller is evaluated first.</summary>
    public int Priority { get; init; } = 1;

    public required IpProtocol IpProtocol { get; init; }

    public PortRange PortRange { get; init; } = PortRange.Any;

    public PortRange? SourcePortRange { get; init; }

    public required RulePeer Peer { get; init; }

    public Cidr? LocalCidr { get; init; }

    public NicType NicType { get; init; } = NicType.Intranet;

    public string Description { get; init; } = "";

    /// <summary>Orders rules that tie on priority and policy, so hit counters go to the rule added first.</summary>
    public DateTimeOffset CreationTime { get; init; }

    /// <summary>
    /// True when the two rules match the same traffic with the same verdict at the same priority: the cloud's
    /// notion of "the same rule" for idempotent authorize and revoke. The description does not count.
    /// </summary>
    public bool IsSameRuleAs(SecurityGroupRule other) =>
        Direction == other.Direction && Policy == other.Policy && Priority == other.Priority
        && IpProtocol == other.IpProtocol && PortRange == other.PortRange
        && SourcePortRange == other.SourcePortRange && Peer == other.Peer && LocalCidr == other.LocalCidr
        && NicType == other.NicType;
}
