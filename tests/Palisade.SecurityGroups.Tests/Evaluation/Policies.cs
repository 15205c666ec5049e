using System.Collections.Immutable;
using System.Net;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Tests.Evaluation;

/// <summary>Short ways to write the rules, groups, instances and packets the evaluation tests talk about.</summary>
internal static class Policies
{
    public const string InstanceAddress = "10.0.0.10";

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static long _created;

    public static SecurityGroupRule Accept(string id, IpProtocol protocol, string ports, string peer, int priority = 1, Direction direction = Direction.Ingress) =>
        Rule(id, RulePolicy.Accept, protocol, ports, peer, priority, direction);

    public static SecurityGroupRule Drop(string id, IpProtocol protocol, string ports, string peer, int priority = 1, Direction direction = Direction.Ingress) =>
        Rule(id, RulePolicy.Drop, protocol, ports, peer, priority, direction);

    /// <summary>A rule created after every rule written before it in the test (creation time breaks priority ties).</summary>
    public static SecurityGroupRule Rule(
        string id, RulePolicy policy, IpProtocol protocol, string ports, string peer, int priority = 1, Direction direction = Direction.Ingress) => new()
        {
            SecurityGroupRuleId = id,
            Direction = direction,
            Policy = policy,
            Priority = priority,
            IpProtocol = protocol,
            PortRange = PortRange.Parse(ports),
            Peer = RulePeer.ForCidr(Cidr.Parse(peer)),
            CreationTime = Epoch.AddSeconds(Interlocked.Increment(ref _created)),
        };

    public static SecurityGroup Group(string id, params SecurityGroupRule[] rules) => Group(id, SecurityGroupType.Normal, rules);

    public static SecurityGroup Group(string id, SecurityGroupType type, params SecurityGroupRule[] rules) => new()
    {
        SecurityGroupId = id,
        SecurityGroupType = type,
        Rules = [.. rules.Select(r => r with { SecurityGroupId = id })],
    };

    /// <summary>One instance with one intranet NIC, eth0 at 10.0.0.10, in every given group.</summary>
    public static InstancePolicy Instance(params SecurityGroup[] groups) => new()
    {
        InstanceId = "i-test",
        Nics = [Nic("eth0", NicType.Intranet, [.. groups.Select(g => g.SecurityGroupId)])],
        SecurityGroups = [.. groups],
    };

    public static NicPolicy Nic(string device, NicType type, params string[] groupIds) => new()
    {
        NetworkInterfaceId = "eni-" + device,
        DeviceName = device,
        NicType = type,
        Addresses = [Cidr.Parse(InstanceAddress)],
        SecurityGroupIds = [.. groupIds],
    };

    public static InstancePolicy WithMembers(this InstancePolicy policy, string groupId, params string[] members) => policy with
    {
        GroupMemberAddresses = policy.GroupMemberAddresses.SetItem(groupId, [.. members.Select(Cidr.Parse)]),
    };

    /// <summary>A packet arriving at the instance (ingress) or leaving it (egress) on eth0.</summary>
    public static PacketQuery In(byte protocol, string source, int destinationPort = 0, string destination = InstanceAddress, int sourcePort = 40000, string? device = "eth0") =>
        PacketQuery.Create(Direction.Ingress, protocol, IPAddress.Parse(source), IPAddress.Parse(destination), sourcePort, destinationPort, device);

    public static PacketQuery Out(byte protocol, string destination, int destinationPort = 0, string source = InstanceAddress, int sourcePort = 40000, string? device = "eth0") =>
        PacketQuery.Create(Direction.Egress, protocol, IPAddress.Parse(source), IPAddress.Parse(destination), sourcePort, destinationPort, device);

    /// <summary>
    /// Evaluates with <see cref="PolicyEvaluator"/> and checks that the independent <see cref="ReferenceEvaluator"/>
    /// reaches the same verdict for the same reason, so every scenario test holds both to the semantics.
    /// </summary>
    public static Decision Evaluate(InstancePolicy policy, PacketQuery packet, ManagementAllowance? allowance = null)
    {
        var decision = PolicyEvaluator.Create(policy, allowance).Evaluate(packet);
        var reference = new ReferenceEvaluator(policy, allowance).Evaluate(packet);
        Assert.Equal(reference, AsReference(decision));
        return decision;
    }

    /// <summary>The part of a decision the reference evaluator can state: verdict, reason, rule, group.</summary>
    public static ReferenceDecision AsReference(Decision decision) => new(
        decision.Verdict,
        decision.DecidedBy,
        decision.DecidedBy == DecidedBy.Rule ? decision.SecurityGroupRuleId : null,
        decision.DecidedBy is DecidedBy.Rule or DecidedBy.IntraGroup ? decision.SecurityGroupId : null);

    public static ImmutableArray<PolicyEntry> Entries(params PolicyEntry[] entries) => [.. entries];
}
