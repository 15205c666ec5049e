using System.Net;
using Palisade.Core;
using Palisade.SecurityGroups.Analysis;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;
using static Palisade.SecurityGroups.Tests.Analysis.TestPolicies;

namespace Palisade.SecurityGroups.Tests.Analysis;

public sealed class ReachabilityAnalyzerTests
{
    private static readonly ReachabilityQuery Ssh = new() { Protocol = IpProtocols.TcpNumber, Port = 22 };

    [Fact]
    public void Analyze_TutorialRules_SshReachableOnlyFromTheOneAddress()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-allow", "tcp", "22/22", "198.51.100.7/32", priority: 1),
            Drop("r-deny", "tcp", "22/22", "0.0.0.0/0", priority: 2)));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        var only = Assert.Single(result.Allowed);
        Assert.Equal(Cidr.Parse("198.51.100.7/32").Range, only.Range);
        Assert.Equal(DecidedBy.Rule, only.DecidedBy);
        Assert.Equal("r-allow", only.SecurityGroupRuleId);
        Assert.Equal("sg-1", only.SecurityGroupId);
        Assert.True(only.AllSourcePorts);
        Assert.Equal("198.51.100.7/32", result.Describe());
        Assert.False(result.OpenToEveryone);
        Assert.Equal("eni-eth0", result.NetworkInterfaceId);
    }

    [Fact]
    public void Analyze_TutorialRules_OtherPortReachableByNobody()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-allow", "tcp", "22/22", "198.51.100.7/32", priority: 1),
            Drop("r-deny", "tcp", "22/22", "0.0.0.0/0", priority: 2)));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), new ReachabilityQuery { Protocol = IpProtocols.TcpNumber, Port = 80 });

        Assert.Empty(result.Allowed);
        Assert.Equal("nothing", result.Describe());
    }

    [Fact]
    public void Analyze_DropOfOneBlockBeforeOpenRule_DescribesEverythingExceptTheBlock()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "22/22", "203.0.113.0/24", priority: 1),
            Accept("r-open", "tcp", "22/22", "0.0.0.0/0", priority: 2)));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.Equal("0.0.0.0/0 except 203.0.113.0/24", result.Describe());
        Assert.Equal(2, result.Allowed.Length);
        Assert.All(result.Allowed, r => Assert.Equal("r-open", r.SecurityGroupRuleId));
        Assert.Equal(new AddressRange(IpFamily.IPv4, 0, Cidr.Parse("203.0.113.0/24").Network - 1), result.Allowed[0].Range);
        Assert.Equal(new AddressRange(IpFamily.IPv4, Cidr.Parse("203.0.113.0/24").Last + 1, uint.MaxValue), result.Allowed[1].Range);
    }

    [Fact]
    public void Analyze_TwoBlocksDropped_ListsBothExceptions()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-a", "tcp", "22/22", "203.0.113.0/24", priority: 1),
            Drop("r-b", "all", "-1/-1", "192.0.2.0/24", priority: 1),
            Accept("r-open", "tcp", "1/65535", "0.0.0.0/0", priority: 2)));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.Equal("0.0.0.0/0 except 192.0.2.0/24, 203.0.113.0/24", result.Describe());
    }

    [Fact]
    public void Analyze_DropCoversPartOfALaterAccept_AcceptKeepsOnlyTheRest()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "22/22", "10.1.0.0/16", priority: 1),
            Accept("r-allow", "tcp", "22/22", "10.0.0.0/8", priority: 2)));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.Equal("10.0.0.0/8 except 10.1.0.0/16", result.Describe());
        Assert.Equal("10.0.0.0/16, 10.2.0.0/15, 10.4.0.0/14, 10.8.0.0/13, 10.16.0.0/12, 10.32.0.0/11, 10.64.0.0/10, 10.128.0.0/9",
            result.AllowedAddresses.ToCidrString());
    }

    [Fact]
    public void Analyze_OpenToBothFamilies_OpenToEveryone()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-v4", "tcp", "22/22", "0.0.0.0/0"),
            Accept("r-v6", "tcp", "22/22", "::/0")));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.True(result.OpenToEveryone);
        Assert.Equal("0.0.0.0/0; ::/0", result.Describe());
        Assert.Equal(["r-v4", "r-v6"], result.Allowed.Select(r => r.SecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_OnlyIPv4Open_NotOpenToEveryone()
    {
        var policy = Instance(Group("sg-1", Accept("r-v4", "tcp", "22/22", "0.0.0.0/0")));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.False(result.OpenToEveryone);
        Assert.True(result.AllowedAddresses.CoversAll(IpFamily.IPv4));
        Assert.True(result.AllowedAddresses.OfFamily(IpFamily.IPv6).IsEmpty);
    }

    [Fact]
    public void Analyze_BasicGroupMembers_ReachEveryPortThroughIntraGroupAccess()
    {
        var policy = Instance(Group("sg-1")).WithMembers("sg-1", "10.0.0.10/32", "10.0.0.11/32", "10.0.0.20/32");

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), new ReachabilityQuery { Protocol = IpProtocols.TcpNumber, Port = 5432 });

        Assert.Equal("10.0.0.10/31, 10.0.0.20/32", result.AllowedAddresses.ToCidrString());
        Assert.All(result.Allowed, r => Assert.Equal(DecidedBy.IntraGroup, r.DecidedBy));
        Assert.All(result.Allowed, r => Assert.Equal("sg-1", r.SecurityGroupId));
    }

    [Fact]
    public void Analyze_EnterpriseGroupMembers_ReachNothing()
    {
        var policy = Instance(Group("sg-1", SecurityGroupType.Enterprise)).WithMembers("sg-1", "10.0.0.10/32", "10.0.0.11/32");

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.Empty(result.Allowed);
    }

    [Fact]
    public void Analyze_ManagementAllowance_AcceptsBastionAheadOfADropRule()
    {
        var policy = Instance(Group("sg-1", Drop("r-deny", "all", "-1/-1", "0.0.0.0/0")));
        var allowance = new ManagementAllowance { Sources = [Cidr.Parse("192.0.2.10/32")] };

        var ssh = ReachabilityAnalyzer.Analyze(policy.FirstNic(allowance), Ssh);
        var https = ReachabilityAnalyzer.Analyze(policy.FirstNic(allowance), new ReachabilityQuery { Protocol = IpProtocols.TcpNumber, Port = 443 });

        var only = Assert.Single(ssh.Allowed);
        Assert.Equal(DecidedBy.Management, only.DecidedBy);
        Assert.Equal("192.0.2.10/32", ssh.Describe());
        Assert.Null(only.SecurityGroupRuleId);
        Assert.Empty(https.Allowed);
    }

    [Fact]
    public void Analyze_EgressOfBasicGroup_EverythingReachableByDefault()
    {
        var policy = Instance(Group("sg-1"));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), new ReachabilityQuery { Direction = Direction.Egress, Protocol = IpProtocols.TcpNumber, Port = 443 });

        Assert.True(result.OpenToEveryone);
        Assert.All(result.Allowed, r => Assert.Equal(DecidedBy.Default, r.DecidedBy));
    }

    [Fact]
    public void Analyze_EgressOfEnterpriseGroup_OnlyAllowedDestinationsAndControlPlane()
    {
        var policy = Instance(Group("sg-1", SecurityGroupType.Enterprise,
            Accept("r-dns", "udp", "53/53", "192.0.2.53/32").Egress()));
        var allowance = new ManagementAllowance { ControlPlane = [new ControlPlaneEndpoint(Cidr.Parse("192.0.2.1/32"), 8080)] };
        var nic = policy.FirstNic(allowance);

        var dns = ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Direction = Direction.Egress, Protocol = IpProtocols.UdpNumber, Port = 53 });
        var controlPlane = ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Direction = Direction.Egress, Protocol = IpProtocols.TcpNumber, Port = 8080 });

        Assert.Equal("192.0.2.53/32", dns.Describe());
        Assert.Equal("r-dns", Assert.Single(dns.Allowed).SecurityGroupRuleId);
        Assert.Equal("192.0.2.1/32", controlPlane.Describe());
        Assert.Equal(DecidedBy.ControlPlane, Assert.Single(controlPlane.Allowed).DecidedBy);
    }

    [Fact]
    public void Analyze_RuleNarrowsSourcePorts_ReachableButNotFromEverySourcePort()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-high", "tcp", "22/22", "0.0.0.0/0").WithSourcePorts("1024/65535")));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        var only = Assert.Single(result.Allowed);
        Assert.True(result.AllowedAddresses.CoversAll(IpFamily.IPv4));
        Assert.False(only.AllSourcePorts);
        Assert.Equal(new PortSpan(1024, 65535), Assert.Single(only.Acceptances).SourcePorts);
        Assert.True(result.AllowedFromEverySourcePort.IsEmpty);
        Assert.False(result.OpenToEveryone);
        Assert.Contains("source ports 1024-65535 only", only.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_TwoRulesSplitSourcePorts_RangeListsBothDecidersInPortOrder()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-high", "tcp", "22/22", "0.0.0.0/0", priority: 2).WithSourcePorts("1024/65535"),
            Accept("r-low", "tcp", "22/22", "10.0.0.0/8", priority: 1).WithSourcePorts("1/1023")));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.Equal(3, result.Allowed.Length);
        var middle = result.Allowed[1];
        Assert.Equal(Cidr.Parse("10.0.0.0/8").Range, middle.Range);
        Assert.Equal(["r-low", "r-high"], middle.Acceptances.Select(a => a.Entry!.SecurityGroupRuleId));
        Assert.Equal("r-low", middle.SecurityGroupRuleId);

        // Source port 0 is accepted by neither rule, so not even 10.0.0.0/8 is reachable from every source port.
        Assert.False(middle.AllSourcePorts);
    }

    [Fact]
    public void Analyze_LocalAddressOutsideTheRulesDestination_NotReachable()
    {
        var policy = Instance(Group("sg-1", Accept("r-web", "tcp", "443/443", "0.0.0.0/0").WithLocal("10.0.0.10/32")));
        var nic = policy.FirstNic();

        var onOtherAddress = ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Protocol = IpProtocols.TcpNumber, Port = 443, LocalAddress = IPAddress.Parse("10.0.0.99") });
        var onRuleAddress = ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Protocol = IpProtocols.TcpNumber, Port = 443, LocalAddress = IPAddress.Parse("10.0.0.10") });
        var onPrimary = ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Protocol = IpProtocols.TcpNumber, Port = 443 });

        Assert.Empty(onOtherAddress.Allowed);
        Assert.Equal("0.0.0.0/0", onRuleAddress.Describe());
        Assert.Equal([IpFamily.IPv4], onRuleAddress.LocalAddresses.Keys);
        Assert.Equal("0.0.0.0/0", onPrimary.Describe());
    }

    [Fact]
    public void Analyze_DhcpReplyPort_ReachableFromServerPortByInfrastructure()
    {
        var policy = Instance(Group("sg-1", Drop("r-deny", "all", "-1/-1", "0.0.0.0/0")));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), new ReachabilityQuery { Protocol = IpProtocols.UdpNumber, Port = 68 });

        var only = Assert.Single(result.Allowed);
        Assert.Equal(AddressRange.All(IpFamily.IPv4), only.Range);
        Assert.Equal(DecidedBy.Infrastructure, only.DecidedBy);
        Assert.Equal(new PortSpan(67, 67), Assert.Single(only.Acceptances).SourcePorts);
    }

    [Fact]
    public void Analyze_NicWithoutGroups_EverythingReachableUnprotected()
    {
        var policy = Instance();

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        Assert.True(result.OpenToEveryone);
        Assert.All(result.Allowed, r => Assert.Equal(DecidedBy.Unprotected, r.DecidedBy));
    }

    [Fact]
    public void Analyze_GroupPeerWithSeveralMembers_OneRangePerMemberSameRule()
    {
        var policy = Instance(Group("sg-1", Accept("r-web", "tcp", "22/22", "sg-web")))
            .WithMembers("sg-web", "10.0.1.2/32", "10.0.1.3/32");

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), Ssh);

        // Each member is its own entry, so each range names the entry that accepts it; as a set they merge.
        Assert.Equal(2, result.Allowed.Length);
        Assert.All(result.Allowed, r => Assert.Equal("r-web", r.SecurityGroupRuleId));
        Assert.Equal(["10.0.1.2/32", "10.0.1.3/32"], result.Allowed.SelectMany(r => r.ToCidrs()).Select(c => c.ToString()));
        Assert.Equal("10.0.1.2/31", result.AllowedAddresses.ToCidrString());
    }

    [Fact]
    public void Analyze_AllProtocolRule_AppliesToIcmpWithoutPort()
    {
        var policy = Instance(Group("sg-1", Accept("r-all", "all", "-1/-1", "192.0.2.0/24")));

        var result = ReachabilityAnalyzer.Analyze(policy.FirstNic(), new ReachabilityQuery { Protocol = IpProtocols.IcmpNumber });

        Assert.Equal("192.0.2.0/24", result.Describe());
        Assert.Null(result.Port);
    }

    [Fact]
    public void Analyze_TcpWithoutPort_Throws()
    {
        var nic = Instance(Group("sg-1")).FirstNic();

        var error = Assert.Throws<ArgumentException>(() => ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Protocol = IpProtocols.TcpNumber }));

        Assert.Contains("destination port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_PolicyWithUnknownDevice_Throws()
    {
        var policy = EffectivePolicyBuilderFor(Instance(Group("sg-1")));

        var error = Assert.Throws<ArgumentException>(() => ReachabilityAnalyzer.Analyze(policy, Ssh, "eth9"));

        Assert.Contains("eth9", error.Message, StringComparison.Ordinal);
    }

    private static EffectivePolicy EffectivePolicyBuilderFor(InstancePolicy policy) => EffectivePolicyBuilder.Build(policy);
}
