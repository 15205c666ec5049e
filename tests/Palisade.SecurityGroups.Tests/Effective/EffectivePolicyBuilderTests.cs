using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using static Palisade.SecurityGroups.Tests.Analysis.TestPolicies;

namespace Palisade.SecurityGroups.Tests.Effective;

public sealed class EffectivePolicyBuilderTests
{
    [Fact]
    public void Build_RulesOfSeveralGroups_PooledAndSortedByPriority()
    {
        var policy = Instance(
            Group("sg-a", Accept("r-a20", "tcp", "80/80", "0.0.0.0/0", priority: 20), Accept("r-a1", "tcp", "22/22", "0.0.0.0/0", priority: 1)),
            Group("sg-b", Accept("r-b5", "tcp", "443/443", "0.0.0.0/0", priority: 5)));

        var nic = policy.FirstNic();

        Assert.Equal(["r-a1", "r-b5", "r-a20"], nic.IngressRules.Select(r => r.SecurityGroupRuleId));
        Assert.Equal(["r-a1", "r-b5", "r-a20"], RuleEntries(nic.Ingress));
        Assert.Equal(["sg-a", "sg-b", "sg-a"], nic.Ingress.Where(e => e.Kind == EntryKind.Rule).Select(e => e.SecurityGroupId));
        Assert.Equal([1, 5, 20], nic.Ingress.Where(e => e.Kind == EntryKind.Rule).Select(e => e.Priority));
    }

    [Fact]
    public void Build_EqualPriority_DropBeforeAcceptWhateverTheCreationOrder()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-accept", "tcp", "22/22", "0.0.0.0/0", priority: 7),
            Drop("r-drop", "tcp", "22/22", "0.0.0.0/0", priority: 7)));

        Assert.Equal(["r-drop", "r-accept"], RuleEntries(policy.FirstNic().Ingress));
    }

    [Fact]
    public void Build_EqualPriorityAndPolicy_OlderRuleFirstThenRuleId()
    {
        var time = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var policy = Instance(Group("sg-1",
            Accept("r-3", "tcp", "22/22", "0.0.0.0/0") with { CreationTime = time.AddMinutes(2) },
            Accept("r-2", "tcp", "23/23", "0.0.0.0/0") with { CreationTime = time },
            Accept("r-1", "tcp", "24/24", "0.0.0.0/0") with { CreationTime = time.AddMinutes(2) }));

        Assert.Equal(["r-2", "r-1", "r-3"], RuleEntries(policy.FirstNic().Ingress));
    }

    [Fact]
    public void Build_RulesOfTheOtherNicType_LeftOut()
    {
        var group = Group("sg-1",
            Accept("r-intranet", "tcp", "22/22", "0.0.0.0/0"),
            Accept("r-internet", "tcp", "80/80", "0.0.0.0/0") with { NicType = NicType.Internet });
        var policy = Instance(group) with { Nics = [Nic("eth0", NicType.Intranet, "sg-1"), Nic("eth1", NicType.Internet, "sg-1")] };

        var effective = EffectivePolicyBuilder.Build(policy);

        Assert.Equal(["r-intranet"], RuleEntries(effective.FindNic("eth0")!.Ingress));
        Assert.Equal(["r-internet"], RuleEntries(effective.FindNic("eth1")!.Ingress));
        Assert.Equal(["r-internet"], effective.FindNic("eth1")!.IngressRules.Select(r => r.SecurityGroupRuleId));
    }

    [Fact]
    public void Build_IngressRule_PeerIsSourceLocalIsDestinationWithPorts()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-1", "tcp", "8000/8080", "192.0.2.0/24").WithSourcePorts("1024/65535").WithLocal("10.0.0.10/32")));

        var entry = Assert.Single(policy.FirstNic().Ingress, e => e.Kind == EntryKind.Rule);

        Assert.Equal(Cidr.Parse("192.0.2.0/24"), entry.Source);
        Assert.Equal(Cidr.Parse("10.0.0.10/32"), entry.Destination);
        Assert.Equal((6, 6), (entry.ProtocolLow, entry.ProtocolHigh));
        Assert.Equal((8000, 8080), (entry.DestinationPortLow, entry.DestinationPortHigh));
        Assert.Equal((1024, 65535), (entry.SourcePortLow, entry.SourcePortHigh));
        Assert.Equal(Verdict.Accept, entry.Verdict);
        Assert.Equal(IpFamily.IPv4, entry.Family);
    }

    [Fact]
    public void Build_EgressRule_PeerIsDestinationLocalIsSource()
    {
        var policy = Instance(Group("sg-1", Drop("r-1", "udp", "53/53", "2001:db8::/32").Egress()));

        var entry = Assert.Single(policy.FirstNic().Egress, e => e.Kind == EntryKind.Rule);

        Assert.Equal(Cidr.AnyIPv6, entry.Source);
        Assert.Equal(Cidr.Parse("2001:db8::/32"), entry.Destination);
        Assert.Equal(Verdict.Drop, entry.Verdict);
        Assert.Empty(policy.FirstNic().Ingress.Where(e => e.Kind == EntryKind.Rule));
    }

    [Theory]
    [InlineData("icmp", 1, 1)]
    [InlineData("gre", 47, 47)]
    [InlineData("all", 0, 255)]
    public void Build_ProtocolWithoutPorts_EntrySpansAllPorts(string protocol, int low, int high)
    {
        var policy = Instance(Group("sg-1", Accept("r-1", protocol, "-1/-1", "0.0.0.0/0")));

        var entry = Assert.Single(policy.FirstNic().Ingress, e => e.Kind == EntryKind.Rule);

        Assert.Equal((low, high), (entry.ProtocolLow, entry.ProtocolHigh));
        Assert.True(entry.AllDestinationPorts);
        Assert.True(entry.AllSourcePorts);
        Assert.Equal(protocol == "all", entry.AllProtocols);
    }

    [Fact]
    public void Build_GroupPeer_OneEntryPerMember()
    {
        var policy = Instance(Group("sg-1", Accept("r-web", "tcp", "22/22", "sg-web")))
            .WithMembers("sg-web", "10.0.1.1/32", "10.0.1.2/32", "fd00::1:1/128");

        var entries = policy.FirstNic().Ingress.Where(e => e.Kind == EntryKind.Rule).ToList();

        Assert.Equal(["10.0.1.1/32", "10.0.1.2/32", "fd00::1:1/128"], entries.Select(e => e.Source.ToString()));
        Assert.All(entries, e => Assert.Equal("r-web", e.SecurityGroupRuleId));
    }

    [Fact]
    public void Build_PrefixListPeer_OneEntryPerListEntry()
    {
        var policy = Instance(Group("sg-1", Accept("r-cdn", "tcp", "443/443", "pl-cdn")))
            .WithPrefixList("pl-cdn", "192.0.2.0/24", "198.51.100.0/24");

        Assert.Equal(["192.0.2.0/24", "198.51.100.0/24"], policy.FirstNic().Ingress.Where(e => e.Kind == EntryKind.Rule).Select(e => e.Source.ToString()));
    }

    [Fact]
    public void Build_UnknownGroupOrPrefixList_RuleMatchesNothing()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-group", "tcp", "22/22", "sg-unknown"),
            Accept("r-list", "tcp", "22/22", "pl-unknown")));

        var nic = policy.FirstNic();

        Assert.Empty(nic.Ingress.Where(e => e.Kind == EntryKind.Rule));
        Assert.Equal(2, nic.IngressRules.Length);
    }

    [Fact]
    public void Build_IcmpRuleWithMixedFamilyPeers_OnlyIPv4Entries()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-ping", "icmp", "-1/-1", "pl-mixed"),
            Accept("r-ping6", "icmpv6", "-1/-1", "pl-mixed")))
            .WithPrefixList("pl-mixed", "192.0.2.0/24", "2001:db8::/32");

        var entries = policy.FirstNic().Ingress.Where(e => e.Kind == EntryKind.Rule).ToList();

        Assert.Equal([("r-ping", IpFamily.IPv4), ("r-ping6", IpFamily.IPv6)], entries.Select(e => (e.SecurityGroupRuleId!, e.Family)));
    }

    [Fact]
    public void Build_LocalBlockOfOtherFamilyThanPeer_EntryLeftOut()
    {
        var policy = Instance(Group("sg-1", Accept("r-1", "tcp", "22/22", "pl-mixed").WithLocal("10.0.0.10/32")))
            .WithPrefixList("pl-mixed", "192.0.2.0/24", "2001:db8::/32");

        var entry = Assert.Single(policy.FirstNic().Ingress, e => e.Kind == EntryKind.Rule);

        Assert.Equal(IpFamily.IPv4, entry.Family);
    }

    [Fact]
    public void Build_BasicGroup_IntraGroupAcceptFromEachMemberAfterRules()
    {
        var policy = Instance(Group("sg-1", Drop("r-1", "tcp", "22/22", "0.0.0.0/0")))
            .WithMembers("sg-1", "10.0.0.10/32", "10.0.0.11/32");

        var ingress = policy.FirstNic().Ingress;

        Assert.Equal([EntryKind.Rule, EntryKind.IntraGroup, EntryKind.IntraGroup, EntryKind.Default, EntryKind.Default], ingress.Select(e => e.Kind));
        var intra = ingress.Where(e => e.Kind == EntryKind.IntraGroup).ToList();
        Assert.Equal(["10.0.0.10/32", "10.0.0.11/32"], intra.Select(e => e.Source.ToString()));
        Assert.All(intra, e => Assert.True(e.AllProtocols && e.AllDestinationPorts && e.Verdict == Verdict.Accept && e.SecurityGroupId == "sg-1"));
    }

    [Fact]
    public void Build_BasicGroupWithInnerAccessDrop_NoIntraGroupEntries()
    {
        var group = Group("sg-1") with { InnerAccessPolicy = InnerAccessPolicy.Drop };
        var policy = Instance(group).WithMembers("sg-1", "10.0.0.11/32");

        Assert.DoesNotContain(policy.FirstNic().Ingress, e => e.Kind == EntryKind.IntraGroup);
    }

    [Fact]
    public void Build_EnterpriseGroup_NoIntraGroupAndDropsBothWays()
    {
        var policy = Instance(Group("sg-1", SecurityGroupType.Enterprise)).WithMembers("sg-1", "10.0.0.11/32");

        var nic = policy.FirstNic();

        Assert.DoesNotContain(nic.Ingress, e => e.Kind == EntryKind.IntraGroup);
        Assert.Equal([(IpFamily.IPv4, Verdict.Drop), (IpFamily.IPv6, Verdict.Drop)], nic.Ingress.Select(e => (e.Family, e.Verdict)));
        Assert.Equal([(IpFamily.IPv4, Verdict.Drop), (IpFamily.IPv6, Verdict.Drop)], nic.Egress.Select(e => (e.Family, e.Verdict)));
    }

    [Fact]
    public void Build_BasicGroup_DefaultsDenyInboundAllowOutbound()
    {
        var nic = Instance(Group("sg-1")).FirstNic();

        Assert.All(nic.Ingress, e => Assert.Equal((EntryKind.Default, Verdict.Drop), (e.Kind, e.Verdict)));
        Assert.All(nic.Egress, e => Assert.Equal((EntryKind.Default, Verdict.Accept), (e.Kind, e.Verdict)));
        Assert.Equal([Cidr.AnyIPv4, Cidr.AnyIPv6], nic.Ingress.Select(e => e.Source));
        Assert.All(nic.Ingress, e => Assert.True(e.AllProtocols && e.AllSourcePorts && e.AllDestinationPorts && e.Destination.IsAny));
    }

    [Fact]
    public void Build_MixedBasicAndEnterprise_OutboundDeniedByDefault()
    {
        var nic = Instance(Group("sg-basic"), Group("sg-ent", SecurityGroupType.Enterprise)).FirstNic();

        Assert.All(nic.Egress, e => Assert.Equal(Verdict.Drop, e.Verdict));
    }

    [Fact]
    public void Build_ManagementAllowance_FirstInBothDirections()
    {
        var policy = Instance(Group("sg-1", Drop("r-1", "all", "-1/-1", "0.0.0.0/0"), Drop("r-2", "all", "-1/-1", "0.0.0.0/0").Egress()));
        var allowance = new ManagementAllowance
        {
            Sources = [Cidr.Parse("192.0.2.10/32")],
            TcpPorts = [22, 2222],
            ControlPlane = [new ControlPlaneEndpoint(Cidr.Parse("192.0.2.1/32"), 8080)],
        };

        var nic = policy.FirstNic(allowance);

        var management = nic.Ingress.TakeWhile(e => e.Kind == EntryKind.Management).ToList();
        Assert.Equal(
            [("192.0.2.10/32", 22), ("192.0.2.10/32", 2222), ("192.0.2.1/32", 22), ("192.0.2.1/32", 2222)],
            management.Select(e => (e.Source.ToString(), (int)e.DestinationPortLow)));
        Assert.All(management, e => Assert.Equal((6, 6, Verdict.Accept), (e.ProtocolLow, e.ProtocolHigh, e.Verdict)));
        Assert.Equal(EntryKind.Rule, nic.Ingress[management.Count].Kind);

        var controlPlane = nic.Egress[0];
        Assert.Equal((EntryKind.ControlPlane, "192.0.2.1/32", 8080, 8080), (controlPlane.Kind, controlPlane.Destination.ToString(), (int)controlPlane.DestinationPortLow, (int)controlPlane.DestinationPortHigh));
        Assert.Equal(EntryKind.Rule, nic.Egress[1].Kind);
    }

    [Fact]
    public void Build_NicWithoutGroups_UnprotectedWithEmptyLists()
    {
        var policy = Instance() with { Nics = [Nic("eth0", NicType.Intranet, "sg-missing")] };

        var nic = EffectivePolicyBuilder.Build(policy, new ManagementAllowance { Sources = [Cidr.Parse("192.0.2.10/32")] }).Nics[0];

        Assert.False(nic.IsProtected);
        Assert.Empty(nic.Ingress);
        Assert.Empty(nic.Egress);
    }

    [Fact]
    public void Build_GroupAttachedTwice_RulesOnce()
    {
        var group = Group("sg-1", Accept("r-1", "tcp", "22/22", "0.0.0.0/0"));
        var policy = Instance(group) with { Nics = [Nic("eth0", NicType.Intranet, "sg-1", "sg-1")] };

        Assert.Equal(["r-1"], RuleEntries(policy.FirstNic().Ingress));
        Assert.Single(policy.FirstNic().SecurityGroups);
    }

    [Fact]
    public void Build_CarriesInstanceIdRevisionAndNics()
    {
        var policy = Instance(Group("sg-1")) with { Revision = 42 };

        var effective = EffectivePolicyBuilder.Build(policy);

        Assert.Equal(("i-test", 42L), (effective.InstanceId, effective.Revision));
        Assert.Equal("eth0", Assert.Single(effective.Nics).Nic.DeviceName);
        Assert.Null(effective.FindNic("eth9"));
    }

    [Fact]
    public void Build_EveryEntryList_EndsWithOneDefaultPerFamily()
    {
        var policy = Instance(
            Group("sg-a", Accept("r-1", "tcp", "22/22", "0.0.0.0/0"), Accept("r-2", "udp", "53/53", "::/0").Egress()),
            Group("sg-b", Drop("r-3", "all", "-1/-1", "10.0.0.0/8")))
            .WithMembers("sg-a", "10.0.0.1/32");

        var nic = policy.FirstNic(new ManagementAllowance { Sources = [Cidr.Parse("192.0.2.10/32")] });

        foreach (var list in new[] { nic.Ingress, nic.Egress })
        {
            Assert.Equal([(EntryKind.Default, IpFamily.IPv4), (EntryKind.Default, IpFamily.IPv6)], list.TakeLast(2).Select(e => (e.Kind, e.Family)));
            var kinds = list.Select(e => (int)e.Kind).ToList();
            Assert.Equal(kinds.Order(), kinds);
        }
    }

    private static IEnumerable<string?> RuleEntries(IEnumerable<PolicyEntry> entries) =>
        entries.Where(e => e.Kind == EntryKind.Rule).Select(e => e.SecurityGroupRuleId);
}
