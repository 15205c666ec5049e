using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Tests.Nftables;

/// <summary>
/// Large instance policies in the spirit of ClassBench ACLs (Taylor and Turner, INFOCOM 2005): mostly TCP/UDP
/// rules from many distinct /24–/32 sources to exact service ports or port ranges, a few wildcards, ICMP and
/// "all" rules, some egress and some IPv6. Our own round-number weights, no ClassBench seed file. Deterministic.
/// </summary>
internal static class LargePolicies
{
    private const int RulesPerGroup = 200;
    private static readonly int[] ServicePorts = [22, 25, 53, 80, 123, 443, 3306, 3389, 5432, 6379, 8080, 8443];

    public static InstancePolicy ClassBenchLike(int ruleCount, int seed, string deviceName = "eth0")
    {
        var random = new Random(seed);
        var epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rules = new List<SecurityGroupRule>(ruleCount);
        for (var i = 0; i < ruleCount; i++)
        {
            var roll = random.Next(100);
            var protocol = roll switch { < 55 => IpProtocol.Tcp, < 85 => IpProtocol.Udp, < 90 => IpProtocol.Icmp, < 95 => IpProtocol.All, _ => IpProtocol.Tcp };
            var wildcard = roll >= 95;
            var ipv6 = !wildcard && protocol != IpProtocol.Icmp && random.Next(10) == 0;
            var source = wildcard ? Cidr.AnyIPv4 : ipv6 ? V6Source(random) : V4Source(random);
            var ports = protocol.HasPorts();
            rules.Add(new SecurityGroupRule
            {
                SecurityGroupRuleId = $"sgr-large{i:D6}",
                SecurityGroupId = $"sg-large{i / RulesPerGroup:D3}",
                Direction = random.Next(100) < 15 ? Direction.Egress : Direction.Ingress,
                Policy = random.Next(100) < 70 ? RulePolicy.Accept : RulePolicy.Drop,
                Priority = random.Next(1, 101),
                IpProtocol = protocol,
                PortRange = ports ? DestinationPorts(random) : PortRange.Any,
                SourcePortRange = ports && random.Next(10) == 0 ? PortRange.Create(1024, 65535) : null,
                Peer = RulePeer.ForCidr(source),
                CreationTime = epoch.AddSeconds(i),
            });
        }

        var groups = rules.GroupBy(r => r.SecurityGroupId)
            .Select(g => new SecurityGroup { SecurityGroupId = g.Key, Rules = [.. g] })
            .ToImmutableArray();
        return new InstancePolicy
        {
            InstanceId = "i-large",
            Nics =
            [
                new NicPolicy
                {
                    NetworkInterfaceId = "eni-large",
                    DeviceName = deviceName,
                    SecurityGroupIds = [.. groups.Select(g => g.SecurityGroupId)],
                },
            ],
            SecurityGroups = groups,
        };
    }

    private static Cidr V4Source(Random random)
    {
        var address = (uint)random.Next(1, 224) << 24 | (uint)random.Next(0, 1 << 24);
        return Cidr.Create(IpFamily.IPv4, address, random.Next(24, 33));
    }

    private static Cidr V6Source(Random random)
    {
        var high = 0x2001_0db8_0000_0000UL | (ulong)random.Next(0, 1 << 16) << 16;
        return Cidr.Create(IpFamily.IPv6, new UInt128(high, (ulong)random.NextInt64()), random.Next(48, 129));
    }

    private static PortRange DestinationPorts(Random random)
    {
        var roll = random.Next(100);
        if (roll < 50)
        {
            return PortRange.Single(ServicePorts[random.Next(ServicePorts.Length)]);
        }

        if (roll < 75)
        {
            var start = random.Next(1, 64000);
            return PortRange.Create(start, start + random.Next(1, 1000));
        }

        return roll < 85 ? PortRange.Create(1024, 65535) : PortRange.AllPorts;
    }
}
