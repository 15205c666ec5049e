using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Tests.Analysis;

/// <summary>
/// Short ways to write the rules, groups and instances that the analysis and effective-policy tests talk about.
/// Peers are written as the console would: a CIDR, "sg-…" for a group, "pl-…" for a prefix list.
/// </summary>
internal static class TestPolicies
{
    public const string InstanceAddress = "10.0.0.10";
    public const string InstanceAddressV6 = "fd00::10";

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static long _created;

    public static SecurityGroupRule Accept(string id, string protocol, string ports, string peer, int priority = 1) =>
        Rule(id, RulePolicy.Accept, protocol, ports, peer, priority);

    public static SecurityGroupRule Drop(string id, string protocol, string ports, string peer, int priority = 1) =>
        Rule(id, RulePolicy.Drop, protocol, ports, peer, priority);

    /// <summary>An ingress rule created after every rule written before it (creation time breaks priority ties).</summary>
    public static SecurityGroupRule Rule(string id, RulePolicy policy, string protocol, string ports, string peer, int priority = 1)
    {
        Assert.True(IpProtocols.TryParse(protocol, out var ipProtocol), $"test protocol {protocol}");
        return new SecurityGroupRule
        {
            SecurityGroupRuleId = id,
            Direction = Direction.Ingress,
            Policy = policy,
            Priority = priority,
            IpProtocol = ipProtocol,
            PortRange = PortRange.Parse(ports),
            Peer = Peer(peer),
            CreationTime = Epoch.AddSeconds(Interlocked.Increment(ref _created)),
        };
    }

    public static SecurityGroupRule Egress(this SecurityGroupRule rule) => rule with { Direction = Direction.Egress };

    public static SecurityGroupRule WithSourcePorts(this SecurityGroupRule rule, string ports) => rule with { SourcePortRange = PortRange.Parse(ports) };

    public static SecurityGroupRule WithLocal(this SecurityGroupRule rule, string cidr) => rule with { LocalCidr = Cidr.Parse(cidr) };

    public static RulePeer Peer(string text) =>
        text.StartsWith(ResourceIds.SecurityGroupPrefix, StringComparison.Ordinal) ? RulePeer.ForGroup(text)
        : text.StartsWith(ResourceIds.PrefixListPrefix, StringComparison.Ordinal) ? RulePeer.ForPrefixList(text)
        : RulePeer.ForCidr(Cidr.Parse(text));

    public static SecurityGroup Group(string id, params SecurityGroupRule[] rules) => Group(id, SecurityGroupType.Normal, rules);

    public static SecurityGroup Group(string id, SecurityGroupType type, params SecurityGroupRule[] rules) => new()
    {
        SecurityGroupId = id,
        SecurityGroupType = type,
        Rules = [.. rules.Select(r => r with { SecurityGroupId = id })],
    };

    /// <summary>One instance with one intranet NIC, eth0 at 10.0.0.10 and fd00::10, in every given group.</summary>
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
        Addresses = [Cidr.Parse(InstanceAddress), Cidr.Parse(InstanceAddressV6)],
        SecurityGroupIds = [.. groupIds],
    };

    public static InstancePolicy WithMembers(this InstancePolicy policy, string groupId, params string[] members) => policy with
    {
        GroupMemberAddresses = policy.GroupMemberAddresses.SetItem(groupId, [.. members.Select(Cidr.Parse)]),
    };

    public static InstancePolicy WithPrefixList(this InstancePolicy policy, string id, params string[] entries) => policy with
    {
        PrefixLists = policy.PrefixLists.Add(new PrefixList { PrefixListId = id, Entries = [.. entries.Select(Cidr.Parse)] }),
    };

    /// <summary>The effective policy of the instance's only (or first) NIC.</summary>
    public static NicEffectivePolicy FirstNic(this InstancePolicy policy, ManagementAllowance? allowance = null) =>
        EffectivePolicyBuilder.Build(policy, allowance).Nics[0];

    public static ImmutableArray<string?> RuleIds(this IEnumerable<PolicyEntry> entries) => [.. entries.Select(e => e.SecurityGroupRuleId)];
}
