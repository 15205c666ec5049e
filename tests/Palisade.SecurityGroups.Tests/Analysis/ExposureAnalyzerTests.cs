using Palisade.Core;
using Palisade.SecurityGroups.Analysis;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;
using static Palisade.SecurityGroups.Tests.Analysis.TestPolicies;

namespace Palisade.SecurityGroups.Tests.Analysis;

public sealed class ExposureAnalyzerTests
{
    [Fact]
    public void Analyze_MySqlOpenToTheInternet_FlaggedHigh()
    {
        var policy = Instance(Group("sg-1", Accept("r-mysql", "tcp", "3306/3306", "0.0.0.0/0")));

        var finding = Assert.Single(ExposureAnalyzer.Analyze(policy.FirstNic()));

        Assert.Equal(RiskSeverity.High, finding.Severity);
        Assert.Equal("tcp", finding.IpProtocol);
        Assert.Equal(3306, finding.Port);
        Assert.Equal("MySQL", finding.Service);
        Assert.Equal("0.0.0.0/0", finding.ReachableFrom);
        Assert.Equal(["r-mysql"], finding.SecurityGroupRuleIds.AsEnumerable());
        Assert.Equal([DecidedBy.Rule], finding.AcceptedBy.AsEnumerable());
        Assert.Equal("eni-eth0", finding.NetworkInterfaceId);
        Assert.Contains("r-mysql", finding.Explanation, StringComparison.Ordinal);
        Assert.Contains("0.0.0.0/0", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_HigherPriorityDropHidesLowerAccept_NoRisk()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-open", "tcp", "3306/3306", "0.0.0.0/0", priority: 50),
            Drop("r-close", "tcp", "3306/3306", "0.0.0.0/0", priority: 10)));

        Assert.Empty(ExposureAnalyzer.Analyze(policy.FirstNic()));
    }

    [Fact]
    public void Analyze_DropInAnotherGroupHidesTheAccept_JudgedOnPooledRules()
    {
        var policy = Instance(
            Group("sg-app", Accept("r-open", "tcp", "1/65535", "0.0.0.0/0", priority: 5)),
            Group("sg-guard", Drop("r-close", "all", "-1/-1", "0.0.0.0/0", priority: 5)));

        Assert.Empty(ExposureAnalyzer.Analyze(policy.FirstNic()));
    }

    [Fact]
    public void Analyze_IntraGroupMembersWithPrivateAddresses_NoRisk()
    {
        var policy = Instance(Group("sg-1")).WithMembers("sg-1", "10.0.0.10/32", "10.0.0.11/32", "172.16.5.0/24", "fd00::11/128");

        Assert.Empty(ExposureAnalyzer.Analyze(policy.FirstNic()));
    }

    [Fact]
    public void Analyze_IntraGroupMemberWithPublicAddress_LowRiskThroughIntraGroup()
    {
        var policy = Instance(Group("sg-1")).WithMembers("sg-1", "10.0.0.10/32", "8.8.4.4/32");

        var findings = ExposureAnalyzer.Analyze(policy.FirstNic());

        Assert.Equal(HighRiskPorts.All.Length + 1, findings.Length);
        Assert.All(findings, f => Assert.Equal(RiskSeverity.Low, f.Severity));
        Assert.All(findings, f => Assert.Equal("8.8.4.4/32", f.ReachableFrom));
        Assert.All(findings, f => Assert.Equal([DecidedBy.IntraGroup], f.AcceptedBy.AsEnumerable()));
        Assert.All(findings, f => Assert.Empty(f.SecurityGroupRuleIds.AsEnumerable()));
    }

    [Fact]
    public void Analyze_PrivateSourcesOnly_NoRisk()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-ssh", "tcp", "22/22", "10.0.0.0/8"),
            Accept("r-db", "tcp", "5432/5432", "192.168.0.0/16"),
            Accept("r-test", "tcp", "3306/3306", "203.0.113.0/24")));

        Assert.Empty(ExposureAnalyzer.Analyze(policy.FirstNic()));
    }

    [Fact]
    public void Analyze_OpenExceptOneBlock_HighWithExceptText()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "22/22", "8.8.8.0/24", priority: 1),
            Accept("r-ssh", "tcp", "22/22", "0.0.0.0/0", priority: 2)));

        var finding = Assert.Single(ExposureAnalyzer.Analyze(policy.FirstNic()));

        Assert.Equal(RiskSeverity.High, finding.Severity);
        Assert.Equal("0.0.0.0/0 except 8.8.8.0/24", finding.ReachableFrom);
        Assert.Equal(["r-ssh"], finding.SecurityGroupRuleIds.AsEnumerable());
    }

    [Theory]
    [InlineData("0.0.0.0/1", RiskSeverity.High)]      // more than half of the public IPv4 space
    [InlineData("64.0.0.0/2", RiskSeverity.Medium)]    // a quarter of it
    [InlineData("8.0.0.0/8", RiskSeverity.Medium)]
    [InlineData("8.8.0.0/15", RiskSeverity.Medium)]    // larger than a /16
    [InlineData("8.8.0.0/16", RiskSeverity.Low)]       // not larger than a /16
    [InlineData("8.8.8.8/32", RiskSeverity.Low)]
    [InlineData("::/0", RiskSeverity.High)]
    [InlineData("2000::/4", RiskSeverity.High)]        // half of 2000::/3, the IPv6 global unicast space
    [InlineData("2a00::/12", RiskSeverity.Medium)]
    [InlineData("2a00:1450::/32", RiskSeverity.Low)]
    public void Analyze_SshReachableFromRegion_SeverityFollowsTheShareOfThePublicSpace(string source, RiskSeverity expected)
    {
        var policy = Instance(Group("sg-1", Accept("r-ssh", "tcp", "22/22", source)));

        var finding = Assert.Single(ExposureAnalyzer.Analyze(policy.FirstNic()));

        Assert.Equal(expected, finding.Severity);
        Assert.Equal(source, finding.ReachableFrom);
    }

    [Fact]
    public void ReachSeverity_AllButAFewSmallBlocks_High()
    {
        var reach = PublicAddressSpace.Addresses.OfFamily(IpFamily.IPv4).Except(AddressRangeSet.Parse("8.0.0.0/8, 1.0.0.0/8, 100.0.0.0/16"));

        Assert.Equal(RiskSeverity.High, ExposureAnalyzer.ReachSeverity(reach));
        Assert.Equal(RiskSeverity.Low, ExposureAnalyzer.ReachSeverity(AddressRangeSet.Empty));
    }

    [Fact]
    public void Analyze_ProtocolAllOpenToTheInternet_FlaggedHighBesidesEveryPort()
    {
        var policy = Instance(Group("sg-1", Accept("r-any", "all", "-1/-1", "0.0.0.0/0")));

        var findings = ExposureAnalyzer.Analyze(policy.FirstNic());

        var everything = Assert.Single(findings, f => f.IpProtocol == ExposureAnalyzer.AllProtocols);
        Assert.Equal(RiskSeverity.High, everything.Severity);
        Assert.Equal("0.0.0.0/0", everything.ReachableFrom);
        Assert.Equal(["r-any"], everything.SecurityGroupRuleIds.AsEnumerable());
        Assert.Equal(0, everything.Port);
        Assert.Equal(HighRiskPorts.All.Length + 1, findings.Length);
    }

    [Fact]
    public void Analyze_ProtocolAllFromPrivateNetwork_NotFlagged()
    {
        var policy = Instance(Group("sg-1", Accept("r-any", "all", "-1/-1", "10.0.0.0/8")));

        Assert.Empty(ExposureAnalyzer.Analyze(policy.FirstNic()));
    }

    [Fact]
    public void Analyze_ProtocolAllBehindNarrowDrop_StillFlaggedButDroppedPortIsNot()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-no-ssh", "tcp", "22/22", "0.0.0.0/0", priority: 1),
            Accept("r-any", "all", "-1/-1", "0.0.0.0/0", priority: 2)));

        var findings = ExposureAnalyzer.Analyze(policy.FirstNic());

        Assert.Contains(findings, f => f.IpProtocol == ExposureAnalyzer.AllProtocols && f.Severity == RiskSeverity.High);
        Assert.DoesNotContain(findings, f => f.Port == 22);
        Assert.Contains(findings, f => f.Port == 3389);
    }

    [Fact]
    public void Analyze_UnprotectedNic_EverythingHighThroughNoSecurityGroup()
    {
        var policy = Instance();

        var findings = ExposureAnalyzer.Analyze(policy.FirstNic());

        Assert.Equal(HighRiskPorts.All.Length + 1, findings.Length);
        Assert.All(findings, f => Assert.Equal([DecidedBy.Unprotected], f.AcceptedBy.AsEnumerable()));
        Assert.All(findings, f => Assert.Equal("0.0.0.0/0; ::/0", f.ReachableFrom));
        Assert.Contains("unprotected", findings[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ManagementAllowanceFromPublicBastion_LowRiskWithoutRule()
    {
        var policy = Instance(Group("sg-1"));
        var allowance = new ManagementAllowance { Sources = [Cidr.Parse("8.8.8.8/32")] };

        var finding = Assert.Single(ExposureAnalyzer.Analyze(policy.FirstNic(allowance)));

        Assert.Equal(22, finding.Port);
        Assert.Equal(RiskSeverity.Low, finding.Severity);
        Assert.Equal([DecidedBy.Management], finding.AcceptedBy.AsEnumerable());
        Assert.Empty(finding.SecurityGroupRuleIds.AsEnumerable());
        Assert.Contains("management allowance", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_UdpMemcachedOpen_OnlyTheUdpPortFlagged()
    {
        var policy = Instance(Group("sg-1", Accept("r-memcached", "udp", "11211/11211", "0.0.0.0/0")));

        var finding = Assert.Single(ExposureAnalyzer.Analyze(policy.FirstNic()));

        Assert.Equal("udp", finding.IpProtocol);
        Assert.Equal("memcached", finding.Service);
    }

    [Fact]
    public void Analyze_KubernetesApiOpen_CappedAtThePortsMediumSeverity()
    {
        var policy = Instance(Group("sg-1", Accept("r-k8s", "tcp", "6443/6443", "::/0")));

        var finding = Assert.Single(ExposureAnalyzer.Analyze(policy.FirstNic()));

        Assert.Equal(RiskSeverity.Medium, finding.Severity);
        Assert.Equal(RiskSeverity.Medium, finding.PortSeverity);
        Assert.Equal("::/0", finding.ReachableFrom);
    }

    [Fact]
    public void Analyze_AllTcpPortsOpen_EveryTcpHighRiskPortFlaggedNoUdp()
    {
        var policy = Instance(Group("sg-1", Accept("r-tcp", "tcp", "1/65535", "0.0.0.0/0")));

        var findings = ExposureAnalyzer.Analyze(policy.FirstNic());

        Assert.Equal(HighRiskPorts.All.Count(p => p.Protocol == IpProtocols.TcpNumber), findings.Length);
        Assert.All(findings, f => Assert.Equal("tcp", f.IpProtocol));
        Assert.Equal(findings.OrderByDescending(f => f.Severity), findings);
    }

    [Fact]
    public void Analyze_ReachableFromPublicAndPrivateRanges_ReportsOnlyRangesWithPublicAddresses()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-office", "tcp", "22/22", "8.8.8.0/24"),
            Accept("r-lan", "tcp", "22/22", "10.0.0.0/8")));

        var finding = Assert.Single(ExposureAnalyzer.Analyze(policy.FirstNic()));

        Assert.Equal("8.8.8.0/24", finding.ReachableFrom);
        Assert.Equal(["r-office"], finding.SecurityGroupRuleIds.AsEnumerable());
    }

    [Fact]
    public void Analyze_WholePolicy_CoversEveryNic()
    {
        var group = Group("sg-1", Accept("r-rdp", "tcp", "3389/3389", "0.0.0.0/0"));
        var policy = Instance(group) with
        {
            Nics = [Nic("eth0", NicType.Intranet, "sg-1"), Nic("eth1", NicType.Internet, "sg-1")],
        };

        var findings = ExposureAnalyzer.Analyze(EffectivePolicyBuilder.Build(policy));

        // The rule is an intranet rule: it opens eth0 only.
        var finding = Assert.Single(findings);
        Assert.Equal("eth0", finding.DeviceName);
        Assert.Equal("RDP", finding.Service);
    }

    [Fact]
    public void HighRiskPorts_TableHasNoDuplicatesAndNamesEveryPort()
    {
        Assert.Equal(HighRiskPorts.All.Length, HighRiskPorts.All.DistinctBy(p => (p.Protocol, p.Port)).Count());
        Assert.All(HighRiskPorts.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Service)));
        Assert.All(HighRiskPorts.All, p => Assert.EndsWith(".", p.Reason, StringComparison.Ordinal));
        foreach (var port in (int[])[22, 3389, 3306, 5432, 6379, 27017, 9200, 11211, 50000])
        {
            Assert.Contains(HighRiskPorts.All, p => p.Port == port && p.Protocol == IpProtocols.TcpNumber);
        }
    }

    [Fact]
    public void PublicAddressSpace_ExcludesPrivateDocumentationAndMulticast()
    {
        foreach (var address in (string[])["10.1.2.3", "172.31.255.255", "192.168.1.1", "100.64.0.1", "127.0.0.1", "169.254.1.1", "192.0.2.1", "198.18.0.1", "224.0.0.1", "255.255.255.255", "fd00::1", "fe80::1", "::1", "2001:db8::1", "2001:2::1"])
        {
            Assert.False(PublicAddressSpace.Addresses.Contains(System.Net.IPAddress.Parse(address)), address);
        }

        foreach (var address in (string[])["8.8.8.8", "1.1.1.1", "100.63.255.255", "172.32.0.0", "223.255.255.255", "2a00:1450::1", "2606:4700::1111"])
        {
            Assert.True(PublicAddressSpace.Addresses.Contains(System.Net.IPAddress.Parse(address)), address);
        }
    }
}
