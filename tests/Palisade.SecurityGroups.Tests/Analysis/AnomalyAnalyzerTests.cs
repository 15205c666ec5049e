using Palisade.SecurityGroups.Analysis;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using static Palisade.SecurityGroups.Tests.Analysis.TestPolicies;

namespace Palisade.SecurityGroups.Tests.Analysis;

public sealed class AnomalyAnalyzerTests
{
    [Fact]
    public void Analyze_AcceptCoveredByEarlierDrop_Shadowed()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "22/22", "0.0.0.0/0", priority: 1),
            Accept("r-allow", "tcp", "22/22", "198.51.100.7/32", priority: 2)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal(AnomalyType.Shadowed, finding.Type);
        Assert.Equal("r-allow", finding.SecurityGroupRuleId);
        Assert.Equal("r-deny", finding.OtherSecurityGroupRuleId);
        Assert.Equal(["r-deny"], finding.OtherSecurityGroupRuleIds.AsEnumerable());
        Assert.Equal(Direction.Ingress, finding.Direction);
        Assert.Contains("never applies", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AcceptAndDropAtEqualPriority_DropFirstSoAcceptShadowed()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-allow", "tcp", "22/22", "198.51.100.7/32", priority: 1),
            Drop("r-deny", "tcp", "22/22", "0.0.0.0/0", priority: 1)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Shadowed, "r-allow", "r-deny"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_LaterAcceptInsideEarlierAccept_LaterRedundant()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-wide", "tcp", "20/30", "10.0.0.0/8", priority: 1),
            Accept("r-narrow", "tcp", "22/22", "10.1.0.0/16", priority: 2)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Redundant, "r-narrow", "r-wide"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_EarlierAcceptInsideLaterAccept_EarlierRedundant()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-narrow", "tcp", "22/22", "10.1.0.0/16", priority: 1),
            Accept("r-wide", "tcp", "22/22", "10.0.0.0/8", priority: 2)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Redundant, "r-narrow", "r-wide"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
        Assert.Contains("evaluated later", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ConflictingRuleBetween_EarlierRuleNotRedundant()
    {
        // Removing r-narrow would let r-hole drop 10.1.2.0/24, so r-narrow is not redundant, though r-hole never applies.
        var policy = Instance(Group("sg-1",
            Accept("r-narrow", "tcp", "22/22", "10.1.0.0/16", priority: 1),
            Drop("r-hole", "tcp", "22/22", "10.1.2.0/24", priority: 2),
            Accept("r-wide", "tcp", "22/22", "10.0.0.0/8", priority: 3)));

        var findings = Ingress(policy);

        Assert.DoesNotContain(findings, f => f.Type == AnomalyType.Redundant);
        var shadowed = Assert.Single(findings);
        Assert.Equal((AnomalyType.Shadowed, "r-hole", "r-narrow"), (shadowed.Type, shadowed.SecurityGroupRuleId, shadowed.OtherSecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_PartialOverlapWithOtherVerdict_Correlated()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-a", "tcp", "20/30", "10.0.0.0/8", priority: 1),
            Drop("r-b", "tcp", "25/40", "10.0.0.0/8", priority: 2)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Correlated, "r-b", "r-a"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
        Assert.Contains("partly overlap", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_PartialOverlapWithSameVerdict_NoAnomaly()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-a", "tcp", "20/30", "10.0.0.0/8", priority: 1),
            Accept("r-b", "tcp", "25/40", "10.0.0.0/8", priority: 2)));

        Assert.Empty(Ingress(policy));
    }

    [Fact]
    public void Analyze_TutorialRules_DropGeneralizesTheAccept()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-allow", "tcp", "22/22", "198.51.100.7/32", priority: 1),
            Drop("r-deny", "tcp", "22/22", "0.0.0.0/0", priority: 2)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Generalization, "r-deny", "r-allow"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
        Assert.Contains("usually intended", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AcceptCoveredByUnionOfEarlierDrops_ShadowedByAllOfThem()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-low", "tcp", "22/22", "0.0.0.0/1", priority: 1),
            Drop("r-high", "tcp", "1/1024", "128.0.0.0/1", priority: 1),
            Accept("r-open", "tcp", "22/22", "0.0.0.0/0", priority: 2)));

        var finding = Assert.Single(Ingress(policy), f => f.SecurityGroupRuleId == "r-open");

        Assert.Equal(AnomalyType.Shadowed, finding.Type);
        Assert.Equal(["r-low", "r-high"], finding.OtherSecurityGroupRuleIds.AsEnumerable());
        Assert.Contains("together match", finding.Explanation, StringComparison.Ordinal);
        Assert.Single(Ingress(policy));
    }

    [Fact]
    public void Analyze_RuleCoveredByUnionOfEarlierRulesOfItsVerdict_Redundant()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-a", "tcp", "22/22", "10.0.0.0/9", priority: 1),
            Accept("r-b", "tcp", "22/22", "10.128.0.0/9", priority: 1),
            Accept("r-c", "tcp", "22/22", "10.0.0.0/8", priority: 2)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Redundant, "r-c"), (finding.Type, finding.SecurityGroupRuleId));
        Assert.Equal(["r-a", "r-b"], finding.OtherSecurityGroupRuleIds.AsEnumerable());
    }

    [Fact]
    public void Analyze_UnionOfMixedVerdicts_ShadowedNamingTheOpposingRuleFirst()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-a", "tcp", "22/22", "10.0.0.0/9", priority: 1),
            Drop("r-b", "tcp", "22/22", "10.128.0.0/9", priority: 2),
            Accept("r-c", "tcp", "22/22", "10.0.0.0/8", priority: 3)));

        var finding = Assert.Single(Ingress(policy), f => f.SecurityGroupRuleId == "r-c");

        Assert.Equal(AnomalyType.Shadowed, finding.Type);
        Assert.Equal("r-b", finding.OtherSecurityGroupRuleId);
        Assert.Equal(["r-b", "r-a"], finding.OtherSecurityGroupRuleIds.AsEnumerable());
    }

    [Fact]
    public void Analyze_CoveredByAcceptButNarrowerDropDecidesPartFirst_Shadowed()
    {
        // r-port22 does not cover r-narrow (ports 20-30), but it drops r-narrow's port 22 before r-wide accepts the rest.
        var policy = Instance(Group("sg-1",
            Drop("r-port22", "tcp", "22/22", "10.0.0.0/8", priority: 1),
            Accept("r-wide", "tcp", "1/100", "10.0.0.0/8", priority: 2),
            Accept("r-narrow", "tcp", "20/30", "10.1.0.0/16", priority: 3)));

        var finding = Assert.Single(Ingress(policy), f => f.SecurityGroupRuleId == "r-narrow");

        Assert.Equal(AnomalyType.Shadowed, finding.Type);
        Assert.Equal("r-port22", finding.OtherSecurityGroupRuleId);
        Assert.Equal(["r-port22", "r-wide"], finding.OtherSecurityGroupRuleIds.AsEnumerable());
        Assert.Contains("drops part of it", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_OpposingRuleAfterTheCover_DoesNotMakeItShadowed()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-lan", "tcp", "22/22", "10.0.0.0/8", priority: 1),
            Drop("r-rest", "tcp", "22/22", "0.0.0.0/0", priority: 2),
            Accept("r-team", "tcp", "22/22", "10.1.0.0/16", priority: 3)));

        var findings = Ingress(policy);

        Assert.Equal([(AnomalyType.Generalization, "r-rest", "r-lan"), (AnomalyType.Redundant, "r-team", "r-lan")],
            findings.Select(f => (f.Type, f.SecurityGroupRuleId, f.OtherSecurityGroupRuleId)));
    }

    [Fact]
    public void Analyze_GroupPeerPartlyCovered_NotShadowedButCorrelated()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "22/22", "10.0.0.0/8", priority: 1),
            Accept("r-web", "tcp", "22/22", "sg-web", priority: 2)))
            .WithMembers("sg-web", "10.0.0.5/32", "192.0.2.5/32");

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Correlated, "r-web", "r-deny"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_GroupPeerFullyCovered_ShadowedAsAWholeRule()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "22/22", "10.0.0.0/8", priority: 1),
            Accept("r-web", "tcp", "22/22", "sg-web", priority: 2)))
            .WithMembers("sg-web", "10.0.0.5/32", "10.9.0.0/16");

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Shadowed, "r-web", "r-deny"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_PrefixListRuleCoveringAllFamilies_NeedsCoverInEachFamily()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny-v4", "tcp", "22/22", "0.0.0.0/0", priority: 1),
            Accept("r-list", "tcp", "22/22", "pl-admins", priority: 2)))
            .WithPrefixList("pl-admins", "192.0.2.0/24", "2001:db8::/32");

        var finding = Assert.Single(Ingress(policy));

        // The IPv6 entry still applies, so the rule is not shadowed: its IPv4 half just conflicts with the drop.
        Assert.Equal((AnomalyType.Correlated, "r-list", "r-deny-v4"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_DifferentFamiliesOrProtocols_NoAnomaly()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-v6", "tcp", "22/22", "::/0", priority: 1),
            Accept("r-v4", "tcp", "22/22", "0.0.0.0/0", priority: 2),
            Drop("r-udp", "udp", "22/22", "0.0.0.0/0", priority: 1),
            Accept("r-icmp", "icmp", "-1/-1", "0.0.0.0/0", priority: 1)));

        Assert.Empty(Ingress(policy));
    }

    [Fact]
    public void Analyze_AllProtocolDropBeforeTcpAccept_TcpAcceptShadowed()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-all", "all", "-1/-1", "10.0.0.0/8", priority: 1),
            Accept("r-tcp", "tcp", "443/443", "10.20.0.0/16", priority: 5)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Shadowed, "r-tcp"), (finding.Type, finding.SecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_RuleWithoutAnyMember_LeftOut()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "22/22", "0.0.0.0/0", priority: 1),
            Accept("r-empty", "tcp", "22/22", "sg-nobody", priority: 2)));

        Assert.Empty(Ingress(policy));
    }

    [Fact]
    public void Analyze_EgressRules_ReportedForEgressOnly()
    {
        var policy = Instance(Group("sg-1",
            Drop("r-deny", "tcp", "443/443", "0.0.0.0/0", priority: 1).Egress(),
            Accept("r-allow", "tcp", "443/443", "192.0.2.0/24", priority: 2).Egress()));
        var nic = policy.FirstNic();

        var finding = Assert.Single(AnomalyAnalyzer.Analyze(nic, Direction.Egress));

        Assert.Empty(AnomalyAnalyzer.Analyze(nic, Direction.Ingress));
        Assert.Equal((AnomalyType.Shadowed, "r-allow", Direction.Egress), (finding.Type, finding.SecurityGroupRuleId, finding.Direction));
        Assert.Contains("egress on eth0", finding.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_RulesOfSeveralGroups_ComparedInPooledOrder()
    {
        var policy = Instance(
            Group("sg-app", Accept("r-app", "tcp", "8080/8080", "10.0.0.0/8", priority: 20)),
            Group("sg-guard", Drop("r-guard", "tcp", "1/65535", "0.0.0.0/0", priority: 10)));

        var finding = Assert.Single(Ingress(policy));

        Assert.Equal((AnomalyType.Shadowed, "r-app", "r-guard"), (finding.Type, finding.SecurityGroupRuleId, finding.OtherSecurityGroupRuleId));
    }

    [Fact]
    public void Analyze_ThousandRules_FindsEveryGeneralizationOfTheFinalDrop()
    {
        var rules = Enumerable.Range(0, 999)
            .Select(i => Accept($"r-{i:D4}", "tcp", $"{1000 + i}/{1000 + i}", $"10.{i / 256}.{i % 256}.0/24", priority: 1))
            .Append(Drop("r-final", "all", "-1/-1", "0.0.0.0/0", priority: 100))
            .ToArray();
        var policy = Instance(Group("sg-1", rules));

        var findings = Ingress(policy);

        Assert.Equal(999, findings.Length);
        Assert.All(findings, f => Assert.Equal((AnomalyType.Generalization, "r-final"), (f.Type, f.SecurityGroupRuleId)));
        Assert.Equal(999, findings.Select(f => f.OtherSecurityGroupRuleId).Distinct().Count());
    }

    [Fact]
    public void Analyze_WholePolicy_CoversBothDirections()
    {
        var policy = Instance(Group("sg-1",
            Accept("r-in", "tcp", "22/22", "10.0.0.0/8", priority: 1),
            Accept("r-in-dup", "tcp", "22/22", "10.0.0.0/8", priority: 2),
            Accept("r-out", "udp", "53/53", "0.0.0.0/0", priority: 1).Egress(),
            Accept("r-out-dup", "udp", "53/53", "192.0.2.53/32", priority: 2).Egress()));

        var findings = AnomalyAnalyzer.Analyze(EffectivePolicyBuilder.Build(policy));

        Assert.Equal([("r-in-dup", Direction.Ingress), ("r-out-dup", Direction.Egress)], findings.Select(f => (f.SecurityGroupRuleId, f.Direction)));
        Assert.All(findings, f => Assert.Equal(AnomalyType.Redundant, f.Type));
    }

    private static System.Collections.Immutable.ImmutableArray<RuleAnomalyFinding> Ingress(InstancePolicy policy) =>
        AnomalyAnalyzer.Analyze(policy.FirstNic(), Direction.Ingress);
}
