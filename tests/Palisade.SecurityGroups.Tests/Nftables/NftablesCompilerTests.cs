using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Nftables;
using static Palisade.SecurityGroups.Tests.Evaluation.Policies;

namespace Palisade.SecurityGroups.Tests.Nftables;

/// <summary>The shape of compiled scripts: what a reader and the kernel find where. Loading and traffic are tested in the lab tests.</summary>
public sealed class NftablesCompilerTests
{
    private static NftRuleset Compile(InstancePolicy policy, ManagementAllowance? allowance = null, NftCompileOptions? options = null) =>
        NftablesCompiler.Compile(EffectivePolicyBuilder.Build(policy, allowance), options);

    private static InstancePolicy Tutorial() => Instance(Group("sg-web",
        Accept("sgr-ssh-admin", IpProtocol.Tcp, "22/22", "198.18.0.2/32", priority: 1),
        Drop("sgr-ssh-world", IpProtocol.Tcp, "22/22", "0.0.0.0/0", priority: 2)));

    [Fact]
    public void Compile_AnyPolicy_ReplacesTableAtomicallyAndNeverFlushesIt()
    {
        var script = Compile(Tutorial()).Script;

        var create = script.IndexOf("table inet palisade {}\n", StringComparison.Ordinal);
        var delete = script.IndexOf("delete table inet palisade\n", StringComparison.Ordinal);
        var define = script.IndexOf("table inet palisade {\n", StringComparison.Ordinal);
        Assert.True(create >= 0 && create < delete && delete < define, script);
        Assert.DoesNotContain("flush table", script, StringComparison.Ordinal);
        Assert.DoesNotContain("flush ruleset", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_BaseChains_StatefulAndLoopbackLinesComeFirst()
    {
        var script = Compile(Tutorial()).Script;

        var input = ScriptText.Chain(script, "input");
        Assert.Equal(
            ["type filter hook input priority filter; policy accept;", "ct state established,related accept", "ct state invalid drop", "iif \"lo\" accept"],
            input.Take(4));
        var output = ScriptText.Chain(script, "output");
        Assert.Equal(
            ["type filter hook output priority filter; policy accept;", "ct state established,related accept", "oif \"lo\" accept"],
            output.Take(3));
        Assert.DoesNotContain(output, line => line.Contains("invalid", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_BaseChains_AcceptNeighbourDiscoveryAndDhcpBeforeAnyNic()
    {
        var script = Compile(Tutorial()).Script;

        var input = ScriptText.Rules(script, "input");
        var output = ScriptText.Rules(script, "output");
        var firstInputJump = input.ToList().FindIndex(l => l.StartsWith("iifname", StringComparison.Ordinal));
        Assert.Equal(
            ["meta nfproto ipv6 icmpv6 type 133-137 accept", "meta nfproto ipv4 udp sport 67 udp dport 68 accept", "meta nfproto ipv6 udp sport 547 udp dport 546 accept"],
            input.Skip(firstInputJump - 3).Take(3));
        Assert.Contains("meta nfproto ipv4 udp sport 68 udp dport 67 accept", output);
        Assert.Contains("meta nfproto ipv6 udp sport 546 udp dport 547 accept", output);
        Assert.Contains("meta nfproto ipv6 icmpv6 type 133-137 accept", output);
    }

    [Fact]
    public void Compile_Tutorial_OneLinearChainInRuleOrderWithCounters()
    {
        var ruleset = Compile(Tutorial());

        Assert.Equal(
            [
                "ip saddr 198.18.0.2 tcp dport 22 counter name \"r_sgr-ssh-admin\" accept",
                "meta nfproto ipv4 tcp dport 22 counter name \"r_sgr-ssh-world\" drop",
                "meta nfproto ipv4 counter name \"nic0_in_default\" drop",
                "meta nfproto ipv6 counter name \"nic0_in_default\" drop",
                "drop",
            ],
            ScriptText.Rules(ruleset.Script, "nic0_in"));
        Assert.Equal(0, ruleset.MapCount);
        Assert.Contains(new NftCounter("r_sgr-ssh-admin", "sgr-ssh-admin", null), ruleset.Counters);
        Assert.Contains(new NftCounter("nic0_in_default", "default-ingress", "eth0"), ruleset.Counters);
        Assert.Contains(new NftCounter("nic0_out_default", "default-egress", "eth0"), ruleset.Counters);
    }

    [Fact]
    public void Compile_SeveralNics_DispatchesEachDeviceAndAcceptsUnprotectedOnesExplicitly()
    {
        var group = Group("sg-a", Accept("sgr-a", IpProtocol.Tcp, "80/80", "0.0.0.0/0"));
        var policy = new InstancePolicy
        {
            InstanceId = "i-nics",
            Nics = [Nic("eth0", NicType.Intranet, "sg-a"), Nic("eth1", NicType.Intranet), Nic("eth2", NicType.Intranet, "sg-a")],
            SecurityGroups = [group],
        };

        var script = Compile(policy).Script;

        var input = ScriptText.Rules(script, "input");
        Assert.Equal(["iifname \"eth0\" jump nic0_in", "iifname \"eth1\" accept", "iifname \"eth2\" jump nic2_in"], input.TakeLast(3));
        Assert.Equal(["oifname \"eth0\" jump nic0_out", "oifname \"eth1\" accept", "oifname \"eth2\" jump nic2_out"], ScriptText.Rules(script, "output").TakeLast(3));
        Assert.DoesNotContain(ScriptText.ChainNames(script), name => name.StartsWith("nic1", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_RuleOnTwoNics_HasOneCounterSharedByBoth()
    {
        var group = Group("sg-a", Accept("sgr-shared", IpProtocol.Tcp, "80/80", "0.0.0.0/0"));
        var policy = new InstancePolicy
        {
            InstanceId = "i-nics",
            Nics = [Nic("eth0", NicType.Intranet, "sg-a"), Nic("eth1", NicType.Intranet, "sg-a")],
            SecurityGroups = [group],
        };

        var ruleset = Compile(policy);

        Assert.Single(ruleset.Counters, c => c.Name == "sgr-shared");
        Assert.Single(ruleset.Script.Split('\n'), l => l == "\tcounter r_sgr-shared { }");
        Assert.Contains(ScriptText.Rules(ruleset.Script, "nic0_in"), l => l.Contains("counter name \"r_sgr-shared\"", StringComparison.Ordinal));
        Assert.Contains(ScriptText.Rules(ruleset.Script, "nic1_in"), l => l.Contains("counter name \"r_sgr-shared\"", StringComparison.Ordinal));
        Assert.Equal(2, ruleset.Counters.Count(c => c.Name == "default-ingress"));
    }

    [Fact]
    public void Compile_EveryRuleOfTheNic_HasACounterEvenWhenItMatchesNothing()
    {
        var rules = new[]
        {
            Accept("sgr-cidr", IpProtocol.Tcp, "22/22", "192.0.2.0/24"),
            Accept("sgr-egress", IpProtocol.Udp, "53/53", "192.0.2.53/32", direction: Direction.Egress),
            Accept("sgr-empty-group", IpProtocol.Tcp, "443/443", "0.0.0.0/0") with { Peer = RulePeer.ForGroup("sg-nobody") },
        };
        var ruleset = Compile(Instance(Group("sg-a", rules)));

        foreach (var rule in rules)
        {
            var counter = Assert.Single(ruleset.Counters, c => c.Name == rule.SecurityGroupRuleId);
            Assert.Null(counter.DeviceName);
            Assert.Contains($"\tcounter {counter.CounterName} {{ }}\n", ruleset.Script, StringComparison.Ordinal);
        }

        Assert.Equal(ruleset.Counters.OrderBy(c => c.CounterName, StringComparer.Ordinal), ruleset.Counters);
    }

    [Fact]
    public void Compile_AllPortsRange_StaysOneInterval()
    {
        var policy = Instance(Group("sg-a",
            Accept("sgr-all-tcp", IpProtocol.Tcp, "1/65535", "192.0.2.0/24"),
            Accept("sgr-some-udp", IpProtocol.Udp, "1000/2000", "192.0.2.0/24")));

        var rules = ScriptText.Rules(Compile(policy).Script, "nic0_in");

        Assert.Contains("ip saddr 192.0.2.0/24 tcp dport 1-65535 counter name \"r_sgr-all-tcp\" accept", rules);
        Assert.Contains("ip saddr 192.0.2.0/24 udp dport 1000-2000 counter name \"r_sgr-some-udp\" accept", rules);
    }

    [Fact]
    public void Compile_SourcePortRange_MatchesSourcePort()
    {
        var rule = Accept("sgr-sport", IpProtocol.Udp, "53/53", "192.0.2.0/24") with { SourcePortRange = PortRange.Create(1024, 65535) };

        var rules = ScriptText.Rules(Compile(Instance(Group("sg-a", rule))).Script, "nic0_in");

        Assert.Contains("ip saddr 192.0.2.0/24 udp sport 1024-65535 udp dport 53 counter name \"r_sgr-sport\" accept", rules);
    }

    [Fact]
    public void Compile_Ipv6AndNonPortProtocols_UseIp6MatchesAndProtocolNumbers()
    {
        var policy = Instance(Group("sg-a",
            Accept("sgr-v6-ssh", IpProtocol.Tcp, "22/22", "2001:db8::/32"),
            Accept("sgr-v6-ping", IpProtocol.Icmpv6, "-1/-1", "2001:db8:1::/48"),
            Accept("sgr-gre", IpProtocol.Gre, "-1/-1", "192.0.2.1/32"),
            Accept("sgr-v6-all", IpProtocol.All, "-1/-1", "2001:db8:2::1/128")));

        var rules = ScriptText.Rules(Compile(policy).Script, "nic0_in");

        Assert.Contains("ip6 saddr 2001:db8::/32 tcp dport 22 counter name \"r_sgr-v6-ssh\" accept", rules);
        Assert.Contains("ip6 saddr 2001:db8:1::/48 meta l4proto 58 counter name \"r_sgr-v6-ping\" accept", rules);
        Assert.Contains("ip saddr 192.0.2.1 meta l4proto 47 counter name \"r_sgr-gre\" accept", rules);
        Assert.Contains("ip6 saddr 2001:db8:2::1 counter name \"r_sgr-v6-all\" accept", rules);
    }

    [Fact]
    public void Compile_EgressRule_GoesToTheOutputChainWithThePeerAsDestination()
    {
        var policy = Instance(Group("sg-a", Drop("sgr-no-smtp", IpProtocol.Tcp, "25/25", "0.0.0.0/0", direction: Direction.Egress)));

        var script = Compile(policy).Script;

        Assert.Equal(
            [
                "meta nfproto ipv4 tcp dport 25 counter name \"r_sgr-no-smtp\" drop",
                "meta nfproto ipv4 counter name \"nic0_out_default\" accept",
                "meta nfproto ipv6 counter name \"nic0_out_default\" accept",
                "drop",
            ],
            ScriptText.Rules(script, "nic0_out"));
        Assert.DoesNotContain(ScriptText.Rules(script, "nic0_in"), l => l.Contains("sgr-no-smtp", StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_EnterpriseGroup_DefaultsDropBothWays()
    {
        var policy = Instance(Group("sg-ent", SecurityGroupType.Enterprise, Accept("sgr-web", IpProtocol.Tcp, "443/443", "0.0.0.0/0")));

        var script = Compile(policy).Script;

        Assert.Contains("meta nfproto ipv4 counter name \"nic0_in_default\" drop", ScriptText.Rules(script, "nic0_in"));
        Assert.Contains("meta nfproto ipv6 counter name \"nic0_out_default\" drop", ScriptText.Rules(script, "nic0_out"));
    }

    [Fact]
    public void Compile_ManagementAllowance_ComesBeforeEveryRule()
    {
        var allowance = new ManagementAllowance
        {
            Sources = [Cidr.Parse("203.0.113.0/24")],
            ControlPlane = [new ControlPlaneEndpoint(Cidr.Parse("203.0.113.10/32"), 8443)],
        };
        var policy = Instance(Group("sg-a", SecurityGroupType.Enterprise,
            Drop("sgr-deny-in", IpProtocol.All, "-1/-1", "0.0.0.0/0"),
            Drop("sgr-deny-out", IpProtocol.All, "-1/-1", "0.0.0.0/0", direction: Direction.Egress)));

        var script = Compile(policy, allowance).Script;

        Assert.Equal("ip saddr 203.0.113.0/24 tcp dport 22 counter name \"nic0_in_management\" accept", ScriptText.Rules(script, "nic0_in")[0]);
        Assert.Equal("ip daddr 203.0.113.10 tcp dport 8443 counter name \"nic0_out_control_plane\" accept", ScriptText.Rules(script, "nic0_out")[0]);
    }

    [Fact]
    public void Compile_IntraGroupMembers_AcceptedAfterRulesBeforeDefault()
    {
        var policy = Instance(Group("sg-a", Drop("sgr-no-telnet", IpProtocol.Tcp, "23/23", "0.0.0.0/0"))).WithMembers("sg-a", "10.0.0.10", "10.0.0.11");

        var rules = ScriptText.Rules(Compile(policy).Script, "nic0_in");

        Assert.Equal(
            [
                "meta nfproto ipv4 tcp dport 23 counter name \"r_sgr-no-telnet\" drop",
                "ip saddr 10.0.0.10 counter name \"nic0_in_intra_group\" accept",
                "ip saddr 10.0.0.11 counter name \"nic0_in_intra_group\" accept",
                "meta nfproto ipv4 counter name \"nic0_in_default\" drop",
            ],
            rules.Take(4));
    }

    [Fact]
    public void Compile_LargeLayer_BecomesCounterMapsWithOneElementPerEntry()
    {
        var rules = Enumerable.Range(0, 40)
            .Select(i => (i % 3 == 0 ? Drop($"sgr-d{i}", IpProtocol.Tcp, "22/22", $"192.0.2.{i}/32") : Accept($"sgr-a{i}", IpProtocol.Tcp, $"{1000 + i}/{2000 + i}", $"192.0.2.{i}/32")))
            .Append(Drop("sgr-ssh-world", IpProtocol.Tcp, "22/22", "0.0.0.0/0", priority: 50))
            .ToArray();

        var ruleset = Compile(Instance(Group("sg-a", rules)));

        var maps = ScriptText.Maps(ruleset.Script);
        Assert.Equal(["nic0_in_v4_ports_l0_accept", "nic0_in_v4_ports_l0_drop"], maps.Select(m => m.Name));
        Assert.All(maps, m => Assert.Equal("inet_proto . ipv4_addr . inet_service : counter", m.Type));
        Assert.Contains("6 . 192.0.2.1 . 1001-2001 : \"r_sgr-a1\"", maps[0].Elements);
        Assert.Contains("6 . 192.0.2.3 . 22 : \"r_sgr-d3\"", maps[1].Elements);
        Assert.Equal(40, ruleset.SetElementCount);
        Assert.Equal(
            [
                "counter name meta l4proto . ip saddr . th dport map @nic0_in_v4_ports_l0_accept accept",
                "counter name meta l4proto . ip saddr . th dport map @nic0_in_v4_ports_l0_drop drop",
                "tcp dport 22 counter name \"r_sgr-ssh-world\" drop",
                "counter name \"nic0_in_default\" drop",
                "drop",
            ],
            ScriptText.Rules(ruleset.Script, "nic0_in_v4_ports"));
        Assert.Equal(
            [
                "meta nfproto ipv4 meta l4proto { tcp, udp } goto nic0_in_v4_ports",
                "meta nfproto ipv4 meta l4proto != { tcp, udp } goto nic0_in_v4_other",
                "meta nfproto ipv6 meta l4proto { tcp, udp } goto nic0_in_v6_ports",
                "meta nfproto ipv6 meta l4proto != { tcp, udp } goto nic0_in_v6_other",
                "drop",
            ],
            ScriptText.Rules(ruleset.Script, "nic0_in"));
    }

    [Fact]
    public void Compile_AllProtocolRuleInLayeredChains_MatchesOnBothSidesOfTheProtocolSplit()
    {
        var rules = Enumerable.Range(0, 8).Select(i => Accept($"sgr-all{i}", IpProtocol.All, "-1/-1", $"192.0.2.{i * 4}/30")).ToArray();

        var ruleset = Compile(Instance(Group("sg-a", rules)), options: new NftCompileOptions { SetThreshold = 8 });

        var maps = ScriptText.Maps(ruleset.Script).ToDictionary(m => m.Name);
        // On the tcp/udp side every element covers both protocols, so the key needs no protocol; the same on the other side.
        Assert.Equal("ipv4_addr : counter", maps["nic0_in_v4_ports_l0_accept"].Type);
        Assert.Equal("ipv4_addr : counter", maps["nic0_in_v4_other_l0_accept"].Type);
        Assert.Contains("192.0.2.4/30 : \"r_sgr-all1\"", maps["nic0_in_v4_ports_l0_accept"].Elements);
        Assert.Contains("192.0.2.4/30 : \"r_sgr-all1\"", maps["nic0_in_v4_other_l0_accept"].Elements);
    }

    [Fact]
    public void Compile_MixedProtocolsInOneLayer_WritesTheAllProtocolElementAsTheTcpUdpInterval()
    {
        var rules = new[]
        {
            Accept("sgr-tcp", IpProtocol.Tcp, "80/80", "192.0.2.0/24"),
            Accept("sgr-all", IpProtocol.All, "-1/-1", "198.51.100.0/24"),
            Accept("sgr-icmp", IpProtocol.Icmp, "-1/-1", "192.0.2.0/24"),
            Accept("sgr-gre", IpProtocol.Gre, "-1/-1", "192.0.2.0/24"),
        };

        var maps = ScriptText.Maps(Compile(Instance(Group("sg-a", rules)), options: new NftCompileOptions { SetThreshold = 2 }).Script).ToDictionary(m => m.Name);

        Assert.Equal(["6 . 192.0.2.0/24 . 80 : \"r_sgr-tcp\"", "6-17 . 198.51.100.0/24 . 0-65535 : \"r_sgr-all\""], maps["nic0_in_v4_ports_l0_accept"].Elements);
        Assert.Equal(["0-255 . 198.51.100.0/24 : \"r_sgr-all\"", "1 . 192.0.2.0/24 : \"r_sgr-icmp\"", "47 . 192.0.2.0/24 : \"r_sgr-gre\""], maps["nic0_in_v4_other_l0_accept"].Elements.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Compile_SamePolicyTwice_GivesTheSameScriptAndDigest()
    {
        var first = Compile(new Evaluation.RandomPolicies(7).Policy(out var allowance), allowance);
        var second = Compile(new Evaluation.RandomPolicies(7).Policy(out allowance), allowance);

        Assert.Equal(first.Script, second.Script);
        Assert.Equal(first.Digest, second.Digest);
        Assert.Matches("^[0-9a-f]{64}$", first.Digest);
    }

    [Fact]
    public void Compile_DescriptionsAndNames_NeverReachTheScript()
    {
        const string Hostile = "x\" accept; }; }; flush ruleset; #";
        var rule = Accept("sgr-desc", IpProtocol.Tcp, "22/22", "192.0.2.0/24") with { Description = Hostile };
        var group = Group("sg-a", rule) with { SecurityGroupName = Hostile, Description = Hostile };
        var policy = Instance(group) with { InstanceName = Hostile };

        var script = Compile(policy).Script;

        Assert.DoesNotContain("flush ruleset", script, StringComparison.Ordinal);
        Assert.DoesNotContain("sg-a", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sgr-abc123", "r_sgr-abc123")]
    [InlineData("SGR-Mixed-Case", "r_SGR-Mixed-Case")]
    public void Compile_RuleIdOfLettersDigitsAndDashes_KeepsTheIdInTheCounterName(string ruleId, string counterName)
    {
        var ruleset = Compile(Instance(Group("sg-a", Accept(ruleId, IpProtocol.Tcp, "22/22", "192.0.2.0/24"))));

        Assert.Contains(new NftCounter(counterName, ruleId, null), ruleset.Counters);
    }

    [Theory]
    [InlineData("sgr-\"; flush ruleset")]
    [InlineData("sgr_under_score")]
    [InlineData("sgr-ü")]
    [InlineData("")]
    public void Compile_RuleIdWithOtherCharacters_GetsAHashedCounterName(string ruleId)
    {
        var ruleset = Compile(Instance(Group("sg-a", Accept(ruleId, IpProtocol.Tcp, "22/22", "192.0.2.0/24"))));

        var counter = Assert.Single(ruleset.Counters, c => c.Name == ruleId);
        Assert.Matches("^rx_[0-9a-f]{24}$", counter.CounterName);
        Assert.DoesNotContain("flush ruleset", ruleset.Script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eth0\"")]
    [InlineData("eth*")]
    [InlineData("")]
    [InlineData("a-name-longer-than-15")]
    [InlineData("eth 0")]
    public void Compile_DeviceNameNftCannotMatchExactly_ThrowsNamingTheNic(string deviceName)
    {
        var policy = Instance(Group("sg-a")) with { Nics = [Nic(deviceName, NicType.Intranet, "sg-a")] };

        var error = Assert.Throws<ArgumentException>(() => Compile(policy));

        Assert.Contains($"eni-{deviceName}", error.Message, StringComparison.Ordinal);
        Assert.Contains("DeviceName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DefaultOptions_SetsTheEstablishedTimeoutInAKeptTable()
    {
        var script = Compile(Tutorial()).Script;

        Assert.StartsWith("table inet palisade_ct {\n\tct timeout tcp_established_910 {\n\t\tprotocol tcp;\n\t\tpolicy = { established: 910 };", script, StringComparison.Ordinal);
        Assert.Contains("flush chain inet palisade_ct input\nadd rule inet palisade_ct input ct state new meta l4proto tcp ct timeout set \"tcp_established_910\"\n", script, StringComparison.Ordinal);
        Assert.Contains("flush chain inet palisade_ct output\nadd rule inet palisade_ct output ct state new meta l4proto tcp ct timeout set \"tcp_established_910\"\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("delete table inet palisade_ct", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_TimeoutZero_LeavesConnectionTimeoutsAlone()
    {
        var script = Compile(Tutorial(), options: new NftCompileOptions { EstablishedTimeoutSeconds = 0, TableName = "fw" }).Script;

        Assert.DoesNotContain("ct timeout", script, StringComparison.Ordinal);
        Assert.StartsWith("table inet fw {}\ndelete table inet fw\ntable inet fw {\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_InvalidOptions_ThrowsNamingEveryBadOption()
    {
        var options = new NftCompileOptions { TableName = "bad name", SetThreshold = 0, EstablishedTimeoutSeconds = -5 };

        var error = Assert.Throws<ArgumentException>(() => Compile(Tutorial(), options: options));

        Assert.Contains("TableName 'bad name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SetThreshold 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("EstablishedTimeoutSeconds -5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_NoNics_StillLoadsStatefulBaseChainsOnly()
    {
        var ruleset = Compile(new InstancePolicy { InstanceId = "i-empty" });

        Assert.Equal(["input", "output"], ScriptText.ChainNames(ruleset.Script));
        Assert.Empty(ruleset.Counters);
    }

    [Fact]
    public void Compile_HandMadeListWithoutDefaults_FailsClosed()
    {
        var nic = new NicEffectivePolicy
        {
            Nic = Nic("eth0", NicType.Intranet, "sg-a"),
            SecurityGroups = [Group("sg-a")],
            Ingress = [],
            Egress = [],
        };

        var script = NftablesCompiler.Compile(new EffectivePolicy { InstanceId = "i-x", Nics = [nic] }).Script;

        Assert.Equal(["drop"], ScriptText.Rules(script, "nic0_in"));
        Assert.Equal(["drop"], ScriptText.Rules(script, "nic0_out"));
    }

    [Fact]
    public void CompileRemoval_DeletesBothTablesWhetherOrNotTheyExist()
    {
        Assert.Equal(
            "table inet palisade {}\ndelete table inet palisade\ntable inet palisade_ct {}\ndelete table inet palisade_ct\n",
            NftablesCompiler.CompileRemoval());
    }
}
