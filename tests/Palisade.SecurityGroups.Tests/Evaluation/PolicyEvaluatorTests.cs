using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;
using static Palisade.SecurityGroups.Tests.Evaluation.Policies;

namespace Palisade.SecurityGroups.Tests.Evaluation;

/// <summary>
/// product.md §1 scenario by scenario. Every evaluation also runs the independent reference evaluator and requires
/// the same verdict, reason and rule (<see cref="Policies.Evaluate"/>).
/// </summary>
public sealed class PolicyEvaluatorTests
{
    private const byte Tcp = IpProtocols.TcpNumber;
    private const byte Udp = IpProtocols.UdpNumber;

    private static readonly InstancePolicy Tutorial = Instance(Group("sg-web",
        Accept("sgr-allow-ssh", IpProtocol.Tcp, "22/22", "203.0.113.7/32", priority: 1),
        Drop("sgr-deny-ssh", IpProtocol.Tcp, "22/22", "0.0.0.0/0", priority: 2)));

    [Fact]
    public void Evaluate_TutorialFromAllowedAddress_AcceptedByPriorityOneRule()
    {
        var decision = Evaluate(Tutorial, In(Tcp, "203.0.113.7", 22));

        Assert.Equal(Verdict.Accept, decision.Verdict);
        Assert.Equal(DecidedBy.Rule, decision.DecidedBy);
        Assert.Equal("sgr-allow-ssh", decision.SecurityGroupRuleId);
        Assert.Equal("sg-web", decision.SecurityGroupId);
        Assert.Equal(1, decision.Priority);
        Assert.Equal("eth0", decision.DeviceName);
    }

    [Fact]
    public void Evaluate_TutorialFromOtherAddress_DroppedByPriorityTwoRule()
    {
        var decision = Evaluate(Tutorial, In(Tcp, "198.51.100.9", 22));

        Assert.Equal(Verdict.Drop, decision.Verdict);
        Assert.Equal(DecidedBy.Rule, decision.DecidedBy);
        Assert.Equal("sgr-deny-ssh", decision.SecurityGroupRuleId);
        Assert.Equal(2, decision.Priority);
    }

    [Fact]
    public void Evaluate_TutorialPort80FromAllowedAddress_DroppedByDefault()
    {
        var decision = Evaluate(Tutorial, In(Tcp, "203.0.113.7", 80));

        Assert.Equal(Verdict.Drop, decision.Verdict);
        Assert.Equal(DecidedBy.Default, decision.DecidedBy);
        Assert.Null(decision.SecurityGroupRuleId);
        Assert.Null(decision.Priority);
    }

    [Fact]
    public void Evaluate_TutorialOutbound_AcceptedByBasicDefault()
    {
        var decision = Evaluate(Tutorial, Out(Tcp, "198.51.100.9", 443));

        Assert.Equal(Verdict.Accept, decision.Verdict);
        Assert.Equal(DecidedBy.Default, decision.DecidedBy);
    }

    [Fact]
    public void Evaluate_DropAndAcceptAtEqualPriority_DropWinsEvenWhenCreatedLater()
    {
        var policy = Instance(Group("sg-a",
            Accept("sgr-accept", IpProtocol.Tcp, "80/80", "0.0.0.0/0", priority: 5),
            Drop("sgr-drop", IpProtocol.Tcp, "80/80", "10.0.0.0/8", priority: 5)));

        var fromDropped = Evaluate(policy, In(Tcp, "10.1.1.1", 80));
        var fromElsewhere = Evaluate(policy, In(Tcp, "192.0.2.1", 80));

        Assert.Equal((Verdict.Drop, "sgr-drop"), (fromDropped.Verdict, fromDropped.SecurityGroupRuleId));
        Assert.Equal((Verdict.Accept, "sgr-accept"), (fromElsewhere.Verdict, fromElsewhere.SecurityGroupRuleId));
    }

    [Theory]
    [InlineData(3, 10, Verdict.Accept)]
    [InlineData(10, 3, Verdict.Drop)]
    public void Evaluate_DifferentPriorities_SmallerNumberWins(int acceptPriority, int dropPriority, Verdict expected)
    {
        var policy = Instance(Group("sg-a",
            Drop("sgr-drop", IpProtocol.Tcp, "443/443", "0.0.0.0/0", priority: dropPriority),
            Accept("sgr-accept", IpProtocol.Tcp, "443/443", "0.0.0.0/0", priority: acceptPriority)));

        var decision = Evaluate(policy, In(Tcp, "192.0.2.1", 443));

        Assert.Equal(expected, decision.Verdict);
        Assert.Equal(Math.Min(acceptPriority, dropPriority), decision.Priority);
    }

    [Fact]
    public void Evaluate_SamePriorityAndPolicy_OlderRuleDecides()
    {
        var policy = Instance(Group("sg-a",
            Accept("sgr-older", IpProtocol.Tcp, "1/65535", "0.0.0.0/0", priority: 7),
            Accept("sgr-newer", IpProtocol.Tcp, "443/443", "0.0.0.0/0", priority: 7)));

        Assert.Equal("sgr-older", Evaluate(policy, In(Tcp, "192.0.2.1", 443)).SecurityGroupRuleId);
    }

    [Fact]
    public void Evaluate_RulesOfTwoGroups_ArePooledIntoOneOrder()
    {
        var web = Group("sg-web", Accept("sgr-web-https", IpProtocol.Tcp, "443/443", "0.0.0.0/0", priority: 1));
        var lockdown = Group("sg-lockdown",
            Drop("sgr-lockdown", IpProtocol.Tcp, "1/65535", "192.0.2.0/24", priority: 1),
            Accept("sgr-admin", IpProtocol.Tcp, "8080/8080", "0.0.0.0/0", priority: 50));
        var policy = Instance(web, lockdown);

        // The drop of the second group beats the first group's accept at the same priority...
        var lockedOut = Evaluate(policy, In(Tcp, "192.0.2.9", 443));
        Assert.Equal((Verdict.Drop, "sgr-lockdown", "sg-lockdown"), (lockedOut.Verdict, lockedOut.SecurityGroupRuleId, lockedOut.SecurityGroupId));

        // ...and each group's rules apply to traffic the other says nothing about.
        Assert.Equal("sgr-web-https", Evaluate(policy, In(Tcp, "198.51.100.1", 443)).SecurityGroupRuleId);
        Assert.Equal("sgr-admin", Evaluate(policy, In(Tcp, "198.51.100.1", 8080)).SecurityGroupRuleId);
    }

    [Theory]
    [InlineData(SecurityGroupType.Normal, Verdict.Drop, Verdict.Accept)]
    [InlineData(SecurityGroupType.Enterprise, Verdict.Drop, Verdict.Drop)]
    public void Evaluate_NoRuleMatches_DefaultOfGroupType(SecurityGroupType type, Verdict inbound, Verdict outbound)
    {
        var policy = Instance(Group("sg-a", type));

        var decisionIn = Evaluate(policy, In(Tcp, "192.0.2.1", 22));
        var decisionOut = Evaluate(policy, Out(Udp, "192.0.2.1", 53));

        Assert.Equal((inbound, DecidedBy.Default), (decisionIn.Verdict, decisionIn.DecidedBy));
        Assert.Equal((outbound, DecidedBy.Default), (decisionOut.Verdict, decisionOut.DecidedBy));
    }

    [Fact]
    public void Evaluate_BasicAndEnterpriseGroupOnOneNic_OutboundDeniedByDefault()
    {
        var policy = Instance(Group("sg-basic"), Group("sg-enterprise", SecurityGroupType.Enterprise));

        Assert.Equal(Verdict.Drop, Evaluate(policy, Out(Tcp, "192.0.2.1", 443)).Verdict);
    }

    [Fact]
    public void Evaluate_FromMemberOfSameBasicGroup_AcceptedAsIntraGroup()
    {
        var policy = Instance(Group("sg-app")).WithMembers("sg-app", InstanceAddress + "/32", "10.0.0.11/32");

        var decision = Evaluate(policy, In(Tcp, "10.0.0.11", 5432));

        Assert.Equal((Verdict.Accept, DecidedBy.IntraGroup, "sg-app"), (decision.Verdict, decision.DecidedBy, decision.SecurityGroupId));
    }

    [Fact]
    public void Evaluate_FromMemberWhenInnerAccessPolicyIsDrop_DroppedByDefault()
    {
        var group = Group("sg-app") with { InnerAccessPolicy = InnerAccessPolicy.Drop };
        var policy = Instance(group).WithMembers("sg-app", "10.0.0.11/32");

        var decision = Evaluate(policy, In(Tcp, "10.0.0.11", 5432));

        Assert.Equal((Verdict.Drop, DecidedBy.Default), (decision.Verdict, decision.DecidedBy));
    }

    [Fact]
    public void Evaluate_FromMemberOfEnterpriseGroup_NoIntraGroupAccess()
    {
        var policy = Instance(Group("sg-app", SecurityGroupType.Enterprise)).WithMembers("sg-app", "10.0.0.11/32");

        var decision = Evaluate(policy, In(Tcp, "10.0.0.11", 5432));

        Assert.Equal((Verdict.Drop, DecidedBy.Default), (decision.Verdict, decision.DecidedBy));
    }

    [Fact]
    public void Evaluate_DropRuleAgainstMember_BeatsIntraGroupAccess()
    {
        var policy = Instance(Group("sg-app", Drop("sgr-no-db", IpProtocol.Tcp, "5432/5432", "10.0.0.0/24", priority: 100)))
            .WithMembers("sg-app", "10.0.0.11/32");

        var toDatabase = Evaluate(policy, In(Tcp, "10.0.0.11", 5432));
        var toCache = Evaluate(policy, In(Tcp, "10.0.0.11", 6379));

        Assert.Equal((Verdict.Drop, DecidedBy.Rule), (toDatabase.Verdict, toDatabase.DecidedBy));
        Assert.Equal((Verdict.Accept, DecidedBy.IntraGroup), (toCache.Verdict, toCache.DecidedBy));
    }

    [Fact]
    public void Evaluate_SourceGroupPeer_MatchesItsMemberAddressesOnly()
    {
        var rule = Accept("sgr-clients", IpProtocol.Tcp, "5432/5432", "0.0.0.0/0") with { Peer = RulePeer.ForGroup("sg-clients") };
        var policy = Instance(Group("sg-db", rule)).WithMembers("sg-clients", "192.0.2.5/32", "192.0.2.64/26");

        Assert.Equal("sgr-clients", Evaluate(policy, In(Tcp, "192.0.2.5", 5432)).SecurityGroupRuleId);
        Assert.Equal("sgr-clients", Evaluate(policy, In(Tcp, "192.0.2.70", 5432)).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Tcp, "192.0.2.6", 5432)).DecidedBy);
    }

    [Fact]
    public void Evaluate_SourceGroupWithoutMembers_RuleMatchesNothing()
    {
        var rule = Accept("sgr-empty", IpProtocol.All, "-1/-1", "0.0.0.0/0") with { Peer = RulePeer.ForGroup("sg-nobody") };
        var policy = Instance(Group("sg-db", rule));

        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Tcp, "192.0.2.5", 5432)).DecidedBy);
    }

    [Fact]
    public void Evaluate_PrefixListPeer_MatchesEveryEntryOfBothFamilies()
    {
        var rule = Accept("sgr-office", IpProtocol.Tcp, "3389/3389", "0.0.0.0/0") with { Peer = RulePeer.ForPrefixList("pl-office") };
        var policy = Instance(Group("sg-win", rule)) with
        {
            PrefixLists = [new PrefixList { PrefixListId = "pl-office", Entries = [Cidr.Parse("198.51.100.0/24"), Cidr.Parse("2001:db8:1::/48")] }],
        };

        Assert.Equal("sgr-office", Evaluate(policy, In(Tcp, "198.51.100.200", 3389)).SecurityGroupRuleId);
        Assert.Equal("sgr-office", Evaluate(policy, In(Tcp, "2001:db8:1::77", 3389, destination: "2001:db8:ffff::10")).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Tcp, "198.51.101.1", 3389)).DecidedBy);
    }

    [Fact]
    public void Evaluate_UnknownPrefixList_RuleMatchesNothing()
    {
        var rule = Accept("sgr-gone", IpProtocol.All, "-1/-1", "0.0.0.0/0") with { Peer = RulePeer.ForPrefixList("pl-deleted") };

        Assert.Equal(DecidedBy.Default, Evaluate(Instance(Group("sg-a", rule)), In(Tcp, "198.51.100.1", 22)).DecidedBy);
    }

    [Fact]
    public void Evaluate_RuleOfOtherNicType_AppliesOnlyToNicsOfItsType()
    {
        var internetOnly = Accept("sgr-internet", IpProtocol.Tcp, "443/443", "0.0.0.0/0") with { NicType = NicType.Internet };
        var group = Group("sg-a", internetOnly);
        var policy = new InstancePolicy
        {
            InstanceId = "i-test",
            Nics = [Nic("eth0", NicType.Intranet, "sg-a"), Nic("eth1", NicType.Internet, "sg-a")],
            SecurityGroups = [group],
        };

        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Tcp, "192.0.2.1", 443, device: "eth0")).DecidedBy);
        Assert.Equal("sgr-internet", Evaluate(policy, In(Tcp, "192.0.2.1", 443, device: "eth1")).SecurityGroupRuleId);
    }

    [Fact]
    public void Evaluate_Ipv6Rule_MatchesIpv6PacketsOnly()
    {
        var policy = Instance(Group("sg-a",
            Accept("sgr-v6-ssh", IpProtocol.Tcp, "22/22", "2001:db8::/32"),
            Accept("sgr-v4-any", IpProtocol.Tcp, "22/22", "0.0.0.0/0", priority: 2)));

        Assert.Equal("sgr-v6-ssh", Evaluate(policy, In(Tcp, "2001:db8:5::1", 22, destination: "2001:db8::10")).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Tcp, "2001:db9::1", 22, destination: "2001:db8::10")).DecidedBy);
        Assert.Equal("sgr-v4-any", Evaluate(policy, In(Tcp, "192.0.2.1", 22)).SecurityGroupRuleId);
    }

    [Fact]
    public void Evaluate_IcmpGreAndAllRules_MatchTheirProtocols()
    {
        var policy = Instance(Group("sg-a",
            Accept("sgr-icmp", IpProtocol.Icmp, "-1/-1", "0.0.0.0/0"),
            Accept("sgr-icmpv6", IpProtocol.Icmpv6, "-1/-1", "::/0"),
            Accept("sgr-gre", IpProtocol.Gre, "-1/-1", "192.0.2.0/24"),
            Accept("sgr-all", IpProtocol.All, "-1/-1", "198.51.100.0/24", priority: 2)));

        Assert.Equal("sgr-icmp", Evaluate(policy, In(IpProtocols.IcmpNumber, "203.0.113.1")).SecurityGroupRuleId);
        Assert.Equal("sgr-icmpv6", Evaluate(policy, In(IpProtocols.Icmpv6Number, "2001:db8::1", destination: "2001:db8::10")).SecurityGroupRuleId);
        Assert.Equal("sgr-gre", Evaluate(policy, In(IpProtocols.GreNumber, "192.0.2.3")).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(IpProtocols.GreNumber, "203.0.113.1")).DecidedBy);
        Assert.Equal("sgr-all", Evaluate(policy, In(Udp, "198.51.100.4", 53)).SecurityGroupRuleId);
        Assert.Equal("sgr-all", Evaluate(policy, In(132, "198.51.100.4")).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Tcp, "203.0.113.1", 22)).DecidedBy);
    }

    [Fact]
    public void Evaluate_SourcePortRange_MatchesOnlyPacketsFromThosePorts()
    {
        var rule = Accept("sgr-dns", IpProtocol.Udp, "53/53", "0.0.0.0/0") with { SourcePortRange = PortRange.Create(1024, 65535) };
        var policy = Instance(Group("sg-dns", rule));

        Assert.Equal("sgr-dns", Evaluate(policy, In(Udp, "192.0.2.1", 53, sourcePort: 5353)).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Udp, "192.0.2.1", 53, sourcePort: 53)).DecidedBy);
    }

    [Fact]
    public void Evaluate_DestCidrIpOnIngress_NarrowsToThoseInstanceAddresses()
    {
        var rule = Accept("sgr-vip", IpProtocol.Tcp, "80/80", "0.0.0.0/0") with { LocalCidr = Cidr.Parse("10.0.0.10/32") };
        var policy = Instance(Group("sg-web", rule));

        Assert.Equal("sgr-vip", Evaluate(policy, In(Tcp, "192.0.2.1", 80, destination: "10.0.0.10")).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, In(Tcp, "192.0.2.1", 80, destination: "10.0.0.99")).DecidedBy);
    }

    [Fact]
    public void Evaluate_SourceCidrIpOnEgress_NarrowsToThoseInstanceAddresses()
    {
        var rule = Drop("sgr-no-smtp", IpProtocol.Tcp, "25/25", "0.0.0.0/0", direction: Direction.Egress) with { LocalCidr = Cidr.Parse("10.0.0.10/32") };
        var policy = Instance(Group("sg-mail", rule));

        Assert.Equal("sgr-no-smtp", Evaluate(policy, Out(Tcp, "192.0.2.25", 25, source: "10.0.0.10")).SecurityGroupRuleId);
        Assert.Equal(DecidedBy.Default, Evaluate(policy, Out(Tcp, "192.0.2.25", 25, source: "10.0.0.11")).DecidedBy);
    }

    [Fact]
    public void Evaluate_EstablishedPacket_AcceptedEvenWhenADropRuleMatches()
    {
        var packet = In(Tcp, "198.51.100.9", 22) with { State = ConnectionState.Established };

        var decision = Evaluate(Tutorial, packet);

        Assert.Equal((Verdict.Accept, DecidedBy.Stateful), (decision.Verdict, decision.DecidedBy));
        Assert.Null(decision.Entry);
    }

    [Fact]
    public void Evaluate_InvalidInbound_DroppedEvenWhenARuleAccepts()
    {
        var decision = Evaluate(Tutorial, In(Tcp, "203.0.113.7", 22) with { State = ConnectionState.Invalid });

        Assert.Equal((Verdict.Drop, DecidedBy.Invalid), (decision.Verdict, decision.DecidedBy));
    }

    [Fact]
    public void Evaluate_InvalidOutbound_GoesOnToTheRules()
    {
        var policy = Instance(Group("sg-a", Drop("sgr-no-out", IpProtocol.Tcp, "443/443", "0.0.0.0/0", direction: Direction.Egress)));

        var dropped = Evaluate(policy, Out(Tcp, "192.0.2.1", 443) with { State = ConnectionState.Invalid });
        var accepted = Evaluate(policy, Out(Tcp, "192.0.2.1", 80) with { State = ConnectionState.Invalid });

        Assert.Equal((Verdict.Drop, DecidedBy.Rule), (dropped.Verdict, dropped.DecidedBy));
        Assert.Equal((Verdict.Accept, DecidedBy.Default), (accepted.Verdict, accepted.DecidedBy));
    }

    [Fact]
    public void Evaluate_Loopback_AcceptedWhateverTheRules()
    {
        var policy = Instance(Group("sg-a", SecurityGroupType.Enterprise, Drop("sgr-all", IpProtocol.All, "-1/-1", "0.0.0.0/0")));

        var decision = Evaluate(policy, In(Tcp, "127.0.0.1", 8080, destination: "127.0.0.1", device: "lo"));

        Assert.Equal((Verdict.Accept, DecidedBy.Loopback), (decision.Verdict, decision.DecidedBy));
    }

    [Fact]
    public void Evaluate_NeighbourDiscoveryAndDhcp_AcceptedAheadOfRules()
    {
        var policy = Instance(Group("sg-a", SecurityGroupType.Enterprise,
            Drop("sgr-all-v4", IpProtocol.All, "-1/-1", "0.0.0.0/0"), Drop("sgr-all-v6", IpProtocol.All, "-1/-1", "::/0")));
        var neighbourSolicitation = In(IpProtocols.Icmpv6Number, "fe80::1", destination: "fe80::10") with { IcmpType = 135 };
        var echoRequest = neighbourSolicitation with { IcmpType = 128 };

        Assert.Equal(DecidedBy.Infrastructure, Evaluate(policy, neighbourSolicitation).DecidedBy);
        Assert.Equal(DecidedBy.Infrastructure, Evaluate(policy, In(Udp, "10.0.0.1", 68, sourcePort: 67)).DecidedBy);
        Assert.Equal(DecidedBy.Infrastructure, Evaluate(policy, Out(Udp, "255.255.255.255", 67, sourcePort: 68)).DecidedBy);
        var echo = Evaluate(policy, echoRequest);
        Assert.Equal((Verdict.Drop, DecidedBy.Rule), (echo.Verdict, echo.DecidedBy));
    }

    [Fact]
    public void Evaluate_DeviceThatIsNotANic_AcceptedAsUnmanaged()
    {
        var decision = Evaluate(Tutorial, In(Tcp, "198.51.100.9", 22, device: "docker0"));

        Assert.Equal((Verdict.Accept, DecidedBy.Unmanaged, "docker0"), (decision.Verdict, decision.DecidedBy, decision.DeviceName));
    }

    [Fact]
    public void Evaluate_NicWithoutGroups_AcceptedAsUnprotected()
    {
        var policy = new InstancePolicy { InstanceId = "i-test", Nics = [Nic("eth0", NicType.Intranet)] };

        var decision = Evaluate(policy, In(Tcp, "198.51.100.9", 22));

        Assert.Equal((Verdict.Accept, DecidedBy.Unprotected), (decision.Verdict, decision.DecidedBy));
    }

    [Fact]
    public void Evaluate_NicWhoseGroupIsUnknown_AcceptedAsUnprotected()
    {
        var policy = new InstancePolicy { InstanceId = "i-test", Nics = [Nic("eth0", NicType.Intranet, "sg-not-in-policy")] };

        Assert.Equal(DecidedBy.Unprotected, Evaluate(policy, In(Tcp, "198.51.100.9", 22)).DecidedBy);
    }

    [Fact]
    public void Evaluate_NoDeviceName_UsesThePrimaryNic()
    {
        var decision = Evaluate(Tutorial, In(Tcp, "198.51.100.9", 22, device: null));

        Assert.Equal((Verdict.Drop, "sgr-deny-ssh", "eth0"), (decision.Verdict, decision.SecurityGroupRuleId, decision.DeviceName));
    }

    [Fact]
    public void Evaluate_ManagementAllowance_BeatsADropRule()
    {
        var allowance = new ManagementAllowance { Sources = [Cidr.Parse("198.51.100.0/24")], TcpPorts = [22] };

        var fromOperator = Evaluate(Tutorial, In(Tcp, "198.51.100.9", 22), allowance);
        var fromElsewhere = Evaluate(Tutorial, In(Tcp, "192.0.2.9", 22), allowance);

        Assert.Equal((Verdict.Accept, DecidedBy.Management), (fromOperator.Verdict, fromOperator.DecidedBy));
        Assert.Equal((Verdict.Drop, "sgr-deny-ssh"), (fromElsewhere.Verdict, fromElsewhere.SecurityGroupRuleId));
    }

    [Fact]
    public void Evaluate_ControlPlaneEndpoint_ReachableOutboundFromEnterpriseGroup()
    {
        var policy = Instance(Group("sg-locked", SecurityGroupType.Enterprise));
        var allowance = new ManagementAllowance { ControlPlane = [new ControlPlaneEndpoint(Cidr.Parse("192.0.2.100/32"), 8443)] };

        var toServer = Evaluate(policy, Out(Tcp, "192.0.2.100", 8443), allowance);
        var toOtherPort = Evaluate(policy, Out(Tcp, "192.0.2.100", 443), allowance);

        Assert.Equal((Verdict.Accept, DecidedBy.ControlPlane), (toServer.Verdict, toServer.DecidedBy));
        Assert.Equal((Verdict.Drop, DecidedBy.Default), (toOtherPort.Verdict, toOtherPort.DecidedBy));
    }

    [Fact]
    public void Evaluate_HandBuiltPolicyWithoutDefaults_FailsClosed()
    {
        var effective = new EffectivePolicy
        {
            InstanceId = "i-test",
            Nics = [new NicEffectivePolicy { Nic = Nic("eth0", NicType.Intranet, "sg-a"), SecurityGroups = [Group("sg-a")] }],
        };

        var decision = new PolicyEvaluator(effective).Evaluate(In(Tcp, "192.0.2.1", 22));

        Assert.Equal((Verdict.Drop, DecidedBy.Default), (decision.Verdict, decision.DecidedBy));
        Assert.Null(decision.Entry);
    }

    [Fact]
    public void Evaluate_ManyPackets_AllocatesNothing()
    {
        var evaluator = PolicyEvaluator.Create(Tutorial);
        PacketQuery[] packets = [In(Tcp, "203.0.113.7", 22), In(Tcp, "198.51.100.9", 22), Out(Tcp, "198.51.100.9", 443), In(Tcp, "1.2.3.4", 80, device: "docker0")];
        foreach (var packet in packets)
        {
            evaluator.Evaluate(packet);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var accepted = 0;
        for (var i = 0; i < 10_000; i++)
        {
            accepted += evaluator.Evaluate(packets[i % packets.Length]).Verdict == Verdict.Accept ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(7_500, accepted);
    }
}
