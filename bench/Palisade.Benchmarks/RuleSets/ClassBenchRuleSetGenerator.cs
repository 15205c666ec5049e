using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.Benchmarks.RuleSets;

/// <summary>
/// Generates ClassBench-style rule sets (<see cref="ClassBenchProfile"/>) as security group ingress rules on one
/// NIC: the ClassBench source prefix is the rule's peer (SourceCidrIp), the destination prefix its DestCidrIp.
/// Deterministic for a given seed.
/// </summary>
/// <remarks>
/// The result deliberately exceeds the product's quotas (1,000 rules and 10 groups per NIC): the benchmark measures
/// the classifier at sizes a quota may allow one day, and the effective policy builder does not enforce quotas.
/// Rules are packed 200 to a group, the per-group quota.
/// </remarks>
internal static class ClassBenchRuleSetGenerator
{
    public const string DeviceName = "eth0";
    private const int RulesPerGroup = 200;
    private const int Organisations = 64;

    /// <summary>Service ports exact-match rules favour, most popular first.</summary>
    private static readonly int[] ServicePorts =
        [80, 443, 22, 53, 25, 123, 110, 143, 161, 389, 445, 993, 995, 1433, 1521, 3306, 3389, 5432, 6379, 8080, 8443, 9200, 11211, 27017];

    public static InstancePolicy Generate(RuleSetStyle style, int ruleCount, int seed)
    {
        var random = new Random(seed);
        var profile = ClassBenchProfile.For(style);
        var organisations = Enumerable.Range(0, Organisations).Select(_ => (uint)random.Next(1, 224) << 24 | (uint)random.Next(0, 256) << 16).ToArray();
        var epoch = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var rules = new List<SecurityGroupRule>(ruleCount);
        for (var i = 0; i < ruleCount; i++)
        {
            var protocol = Pick(random, profile.Protocols);
            IpProtocols.TryParse(protocol, out var ipProtocol);
            var hasPorts = ipProtocol.HasPorts();
            var source = RandomPrefix(random, organisations, Pick(random, profile.SourcePrefixLengths));
            var destination = RandomPrefix(random, organisations, Pick(random, profile.DestinationPrefixLengths));
            var sourcePorts = hasPorts ? Ports(random, Pick(random, profile.SourcePorts)) : PortRange.Any;
            var destinationPorts = hasPorts ? Ports(random, Pick(random, profile.DestinationPorts)) : PortRange.Any;
            rules.Add(new SecurityGroupRule
            {
                SecurityGroupRuleId = $"sgr-bench{i:D6}",
                SecurityGroupId = GroupId(i / RulesPerGroup),
                Direction = Direction.Ingress,
                Policy = random.Next(100) < profile.AcceptPercent ? RulePolicy.Accept : RulePolicy.Drop,
                Priority = Priority(random, Specificity(ipProtocol, source, destination, destinationPorts)),
                IpProtocol = ipProtocol,
                PortRange = destinationPorts,
                SourcePortRange = hasPorts && !sourcePorts.CoversAllPorts ? sourcePorts : null,
                Peer = RulePeer.ForCidr(source),
                LocalCidr = destination.IsAny ? null : destination,
                CreationTime = epoch.AddSeconds(i),
            });
        }

        var groups = rules.GroupBy(r => r.SecurityGroupId)
            .Select(g => new SecurityGroup { SecurityGroupId = g.Key, Rules = [.. g] })
            .ToImmutableArray();
        return new InstancePolicy
        {
            InstanceId = "i-bench",
            Nics =
            [
                new NicPolicy
                {
                    NetworkInterfaceId = "eni-bench",
                    DeviceName = DeviceName,
                    Addresses = [Cidr.Parse("198.18.0.10/32")],
                    SecurityGroupIds = [.. groups.Select(g => g.SecurityGroupId)],
                },
            ],
            SecurityGroups = groups,
        };
    }

    private static string GroupId(int index) => $"sg-bench{index:D4}";

    /// <summary>
    /// Specific rules get smaller priority numbers than broad ones, with noise: in a first-match list an exception
    /// has to come before the broad rule it carves out of, so real lists run from specific to general. The noise
    /// keeps plenty of overlapping rules in "wrong" order and many ties, which drop-first and creation time break.
    /// </summary>
    private static int Priority(Random random, double specificity) =>
        Math.Clamp((int)Math.Round(100 * (1 - specificity)) + random.Next(-15, 16), 1, 100);

    /// <summary>0 for a rule matching everything, 1 for a single flow.</summary>
    private static double Specificity(IpProtocol protocol, Cidr source, Cidr destination, PortRange destinationPorts)
    {
        var ports = destinationPorts.IsAny || destinationPorts.CoversAllPorts ? 0.0 : 1.0 - ((destinationPorts.End - destinationPorts.Start) / 65535.0);
        var protocolPart = protocol == IpProtocol.All ? 0.0 : 1.0;
        return ((source.PrefixLength / 32.0) + (destination.PrefixLength / 32.0) + ports + protocolPart) / 4;
    }

    private static T Pick<T>(Random random, (int Weight, T Value)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }

    private static int Pick(Random random, (int Weight, int Low, int High)[] choices)
    {
        var (low, high) = Pick(random, choices.Select(c => (c.Weight, (c.Low, c.High))).ToArray());
        return random.Next(low, high + 1);
    }

    /// <summary>
    /// A prefix under one of a few dozen /16 "organisations", chosen with Zipf-like weights so that prefixes nest
    /// and overlap the way ClassBench's skewed prefix trees make them.
    /// </summary>
    private static Cidr RandomPrefix(Random random, uint[] organisations, int length)
    {
        if (length == 0)
        {
            return Cidr.AnyIPv4;
        }

        var organisation = organisations[(int)(organisations.Length * Math.Pow(random.NextDouble(), 2.5))];
        var address = organisation | (uint)random.Next(0, 65536);
        return Cidr.Create(IpFamily.IPv4, address, length);
    }

    private static PortRange Ports(Random random, PortClass portClass)
    {
        switch (portClass)
        {
            case PortClass.Wildcard:
                return PortRange.AllPorts;
            case PortClass.High:
                return PortRange.Create(1024, 65535);
            case PortClass.Low:
                return PortRange.Create(1, 1023);
            case PortClass.ArbitraryRange:
                var start = random.Next(1, 60000);
                return PortRange.Create(start, Math.Min(65535, start + random.Next(1, 4096)));
            default:
                return PortRange.Single(random.Next(100) < 70
                    ? ServicePorts[(int)(ServicePorts.Length * Math.Pow(random.NextDouble(), 2))]
                    : random.Next(1, 65536));
        }
    }
}
