using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// A large, realistic instance policy for the nftables benchmarks: security-group rules as operators write them —
/// mixed priorities, accept and drop, tcp/udp/icmp and a few "all", exact service ports and port ranges, IPv4 and
/// IPv6 peers from /8 to single hosts — on one NIC, 200 rules to a group. Deterministic for a seed.
/// </summary>
/// <remarks>
/// <para>
/// The ClassBench generator in RuleSets is IPv4-only and ingress-only, so it does not exercise the IPv6 half of the
/// compiled table; this one mixes both families and both directions. Weights are our own round numbers.
/// </para>
/// <para>
/// Peers come from a pool of /16 (IPv4) or /40 (IPv6) "organisations" with skewed (power-law) popularity, so rules
/// nest and overlap as in real lists, but never from the lab ranges (198.18.0.0/15, 2001:2::/48): the kernel
/// benchmark's probes come from there and must fall through every rule to the default, the deepest verdict of the
/// list. Wildcard peers (0.0.0.0/0, ::/0) appear only with a single tcp port, as "open 443 to the world" rules do,
/// and "all protocols" only from a host or a /24. Half the rules keep the default priority 1.
/// Like the ClassBench sets, 10,000 rules exceed the product's quota of 1,000 rules per NIC: the benchmark measures
/// the size a quota might one day allow, and the compiler does not enforce quotas.
/// </para>
/// </remarks>
internal static class SecurityGroupRuleSet
{
    /// <summary>The NIC the rules protect: the lab host's interface name.</summary>
    public const string DeviceName = "eth0";

    private const int RulesPerGroup = 200;
    private const int Organisations = 200;

    private static readonly int[] ServicePorts =
        [22, 25, 53, 80, 110, 123, 143, 161, 389, 443, 445, 993, 995, 1433, 3306, 3389, 5432, 6379, 8080, 8443, 9200, 11211, 27017];

    public static InstancePolicy Generate(int ruleCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ruleCount);
        var random = new Random(seed);
        var v4Organisations = Enumerable.Range(0, Organisations).Select(_ => V4Organisation(random)).ToArray();
        var v6Organisations = Enumerable.Range(0, Organisations).Select(_ => V6Organisation(random)).ToArray();
        var epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rules = new List<SecurityGroupRule>(ruleCount);
        for (var i = 0; i < ruleCount; i++)
        {
            var ipv6 = random.Next(100) < 25;
            var protocol = random.Next(100) switch
            {
                < 55 => IpProtocol.Tcp,
                < 82 => IpProtocol.Udp,
                < 95 => ipv6 ? IpProtocol.Icmpv6 : IpProtocol.Icmp,
                _ => IpProtocol.All,
            };
            var ports = protocol.HasPorts();
            var destinationPorts = ports ? DestinationPorts(random) : PortRange.Any;
            var worldOpen = protocol == IpProtocol.Tcp && destinationPorts.IsSinglePort && random.Next(100) < 4;
            // "Everything from the office": all protocols only from a host or a /24, never from a wide block.
            var trusted = protocol == IpProtocol.All;
            var peer = worldOpen
                ? (ipv6 ? Cidr.AnyIPv6 : Cidr.AnyIPv4)
                : ipv6 ? V6Peer(random, v6Organisations, trusted) : V4Peer(random, v4Organisations, trusted);
            rules.Add(new SecurityGroupRule
            {
                SecurityGroupRuleId = $"sgr-nft{i:D6}",
                SecurityGroupId = GroupId(i / RulesPerGroup),
                Direction = random.Next(100) < 85 ? Direction.Ingress : Direction.Egress,
                Policy = random.Next(100) < 70 ? RulePolicy.Accept : RulePolicy.Drop,
                // Half the rules keep the console's default priority 1; ties go drop first, then oldest first.
                Priority = random.Next(2) == 0 ? 1 : random.Next(1, 101),
                IpProtocol = protocol,
                PortRange = destinationPorts,
                SourcePortRange = ports && random.Next(100) < 5 ? PortRange.Create(1024, 65535) : null,
                Peer = RulePeer.ForCidr(peer),
                CreationTime = epoch.AddSeconds(i),
            });
        }

        var groups = rules.GroupBy(r => r.SecurityGroupId)
            .Select(g => new SecurityGroup { SecurityGroupId = g.Key, Rules = [.. g] })
            .ToImmutableArray();
        return new InstancePolicy
        {
            InstanceId = "i-nftbench",
            Nics =
            [
                new NicPolicy
                {
                    NetworkInterfaceId = "eni-nftbench",
                    DeviceName = DeviceName,
                    SecurityGroupIds = [.. groups.Select(g => g.SecurityGroupId)],
                },
            ],
            SecurityGroups = groups,
        };
    }

    /// <summary>The policy after one rule was revoked: a change that compiles to a different script.</summary>
    public static InstancePolicy WithoutFirstRule(InstancePolicy policy)
    {
        var first = policy.SecurityGroups[0];
        return policy with { SecurityGroups = policy.SecurityGroups.SetItem(0, first with { Rules = first.Rules.RemoveAt(0) }) };
    }

    private static string GroupId(int index) => $"sg-nft{index:D4}";

    private static PortRange DestinationPorts(Random random) => random.Next(100) switch
    {
        < 50 => PortRange.Single(ServicePorts[(int)(ServicePorts.Length * Math.Pow(random.NextDouble(), 2))]),
        < 65 => PortRange.Single(random.Next(1024, 65536)),
        < 85 => RandomRange(random),
        < 92 => PortRange.Create(1024, 65535),
        _ => PortRange.AllPorts,
    };

    private static PortRange RandomRange(Random random)
    {
        var start = random.Next(1, 64000);
        return PortRange.Create(start, start + random.Next(1, 1500));
    }

    /// <summary>A first octet from 1–223 other than 127 and 198 (the lab's 198.18.0.0/15 lies under 198).</summary>
    private static uint V4Organisation(Random random)
    {
        uint first;
        do
        {
            first = (uint)random.Next(1, 224);
        }
        while (first is 127 or 198);

        return first << 24 | (uint)random.Next(0, 256) << 16;
    }

    /// <summary>A /40 under 2a00::/16, far from the lab's 2001:2::/48.</summary>
    private static UInt128 V6Organisation(Random random) =>
        new(0x2a00_0000_0000_0000UL | (ulong)random.Next(0, 1 << 24) << 32, 0);

    private static Cidr V4Peer(Random random, uint[] organisations, bool trusted)
    {
        var length = random.Next(trusted ? 70 : 100) switch
        {
            < 45 => 32,
            < 70 => 24,
            < 82 => random.Next(25, 32),
            < 97 => random.Next(16, 24),
            _ => random.Next(8, 16),
        };
        var organisation = organisations[(int)(organisations.Length * Math.Pow(random.NextDouble(), 1.5))];
        return Cidr.Create(IpFamily.IPv4, organisation | (uint)random.Next(0, 1 << 16), length);
    }

    private static Cidr V6Peer(Random random, UInt128[] organisations, bool trusted)
    {
        var length = random.Next(trusted ? 75 : 100) switch
        {
            < 35 => 128,
            < 75 => 64,
            < 90 => 56,
            _ => 48,
        };
        var organisation = organisations[(int)(organisations.Length * Math.Pow(random.NextDouble(), 1.5))];
        return Cidr.Create(IpFamily.IPv6, organisation | new UInt128((ulong)random.Next(0, 1 << 16) << 16, (ulong)random.NextInt64()), length);
    }
}
