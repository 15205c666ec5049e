using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Analysis;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Tests.Analysis;

/// <summary>
/// The analysis must say exactly what the evaluator does: for random rule sets, every (peer address, source port)
/// probe — on, inside and just outside every block — is accepted by the evaluator if and only if the analysis lists
/// the address as reachable from that source port, and by the same decider.
/// </summary>
public sealed class ReachabilityAgreementTests
{
    private static readonly UInt128[] V4Bases = [V4(10, 0, 0, 0), V4(10, 0, 1, 0), V4(10, 1, 0, 0), V4(198, 51, 100, 0)];
    private static readonly int[] V4Prefixes = [0, 1, 8, 15, 16, 24, 28, 31, 32];
    private static readonly UInt128[] V6Bases = [Cidr.Parse("2001:db8::").Network, Cidr.Parse("2001:db8:0:1::").Network];
    private static readonly int[] V6Prefixes = [0, 32, 48, 64, 127, 128];
    private static readonly string[] PortRanges = ["22/22", "20/30", "1/65535", "23/23", "1/21", "68/68", "53/53"];
    private static readonly string?[] SourcePortRanges = [null, null, null, "1/1023", "1024/65535", "67/67", "22/22"];
    private static readonly ushort[] SourcePorts = [0, 1, 22, 67, 547, 1023, 1024, 40000, 65535];
    private static readonly (byte Protocol, int? Port)[] Queries =
        [(6, 22), (6, 25), (17, 53), (17, 68), (17, 546), (1, null), (58, null), (47, null)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Analyze_RandomPolicies_AgreesWithEvaluatorOnEveryProbe(int seed)
    {
        var random = new Random(seed);
        var (policy, allowance) = RandomPolicy(random);
        var effective = EffectivePolicyBuilder.Build(policy, allowance);
        var evaluator = new PolicyEvaluator(effective);
        var nic = effective.Nics[0];
        var probes = 0;

        foreach (var direction in (Direction[])[Direction.Ingress, Direction.Egress])
        {
            foreach (var (protocol, port) in Queries)
            {
                var result = ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Direction = direction, Protocol = protocol, Port = port });
                AssertDisjointAndOrdered(result.Allowed);
                foreach (var (family, peer) in PeerProbes(nic.EntriesFor(direction), random))
                {
                    var local = family == IpFamily.IPv4 ? Cidr.Parse(TestPolicies.InstanceAddress).Network : Cidr.Parse(TestPolicies.InstanceAddressV6).Network;
                    foreach (var sourcePort in IpProtocols.HasPorts(protocol) ? SourcePorts : [(ushort)0])
                    {
                        var (source, destination) = direction == Direction.Ingress ? (peer, local) : (local, peer);
                        var packet = new PacketQuery(direction, family, protocol, source, destination, sourcePort, (ushort)(port ?? 0), "eth0");
                        var decision = evaluator.Evaluate(packet);
                        var acceptance = FindAcceptance(result, family, peer, sourcePort);

                        Assert.True((decision.Verdict == Verdict.Accept) == acceptance.HasValue, $"seed {seed}: {packet} evaluator {decision.Verdict} by {decision.DecidedBy} {decision.SecurityGroupRuleId}, analysis {acceptance}");
                        if (acceptance is { } accepted)
                        {
                            Assert.Equal(decision.DecidedBy, accepted.DecidedBy);
                            Assert.Equal(decision.SecurityGroupRuleId, accepted.Entry?.SecurityGroupRuleId);
                        }

                        probes++;
                    }
                }
            }
        }

        Assert.True(probes > 1000, $"only {probes} probes");
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    private static SourcePortAcceptance? FindAcceptance(ReachabilityResult result, IpFamily family, UInt128 peer, ushort sourcePort)
    {
        foreach (var range in result.Allowed)
        {
            if (range.Range.Family == family && range.Range.Contains(peer))
            {
                foreach (var acceptance in range.Acceptances)
                {
                    if (acceptance.SourcePorts.Contains(sourcePort))
                    {
                        return acceptance;
                    }
                }
            }
        }

        return null;
    }

    private static void AssertDisjointAndOrdered(ImmutableArray<ReachableRange> ranges)
    {
        for (var i = 1; i < ranges.Length; i++)
        {
            var (previous, current) = (ranges[i - 1].Range, ranges[i].Range);
            Assert.True(previous.Family < current.Family || (previous.Family == current.Family && previous.Last < current.First), $"{previous} then {current}");
        }
    }

    /// <summary>Both ends of every entry's peer block, the addresses just outside them, and random addresses.</summary>
    private static IEnumerable<(IpFamily, UInt128)> PeerProbes(ImmutableArray<PolicyEntry> entries, Random random)
    {
        var probes = new HashSet<(IpFamily, UInt128)>();
        foreach (var entry in entries)
        {
            foreach (var block in (Cidr[])[entry.Source, entry.Destination])
            {
                var max = AddressRange.All(block.Family).Last;
                probes.Add((block.Family, block.Network));
                probes.Add((block.Family, block.Last));
                if (block.Network > 0)
                {
                    probes.Add((block.Family, block.Network - 1));
                }

                if (block.Last < max)
                {
                    probes.Add((block.Family, block.Last + 1));
                }
            }
        }

        for (var i = 0; i < 10; i++)
        {
            probes.Add((IpFamily.IPv4, (UInt128)(uint)random.NextInt64(0, uint.MaxValue + 1L)));
            probes.Add((IpFamily.IPv6, new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64())));
        }

        return probes;
    }

    private static (InstancePolicy, ManagementAllowance) RandomPolicy(Random random)
    {
        var groups = Enumerable.Range(0, random.Next(1, 3))
            .Select(g => new SecurityGroup
            {
                SecurityGroupId = $"sg-{g}",
                SecurityGroupType = random.Next(3) == 0 ? SecurityGroupType.Enterprise : SecurityGroupType.Normal,
                Rules = [.. Enumerable.Range(0, random.Next(0, 12)).Select(r => RandomRule(random, $"sgr-{g}-{r}", $"sg-{g}"))],
            })
            .ToImmutableArray();
        var policy = new InstancePolicy
        {
            InstanceId = "i-random",
            Nics = [TestPolicies.Nic("eth0", NicType.Intranet, [.. groups.Select(g => g.SecurityGroupId)])],
            SecurityGroups = groups,
            GroupMemberAddresses = ImmutableDictionary<string, ImmutableArray<Cidr>>.Empty
                .Add("sg-0", [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomBlock(random))])
                .Add("sg-peer", [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomBlock(random))]),
            PrefixLists = [new PrefixList { PrefixListId = "pl-0", Entries = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomBlock(random))] }],
        };
        var allowance = random.Next(3) == 0
            ? new ManagementAllowance
            {
                Sources = [RandomBlock(random)],
                ControlPlane = [new ControlPlaneEndpoint(RandomBlock(random), 22)],
            }
            : ManagementAllowance.None;
        return (policy, allowance);
    }

    private static SecurityGroupRule RandomRule(Random random, string id, string groupId)
    {
        var protocol = (IpProtocol)random.Next(6);
        var peerKind = random.Next(8);
        var peer = peerKind switch
        {
            0 => RulePeer.ForGroup("sg-peer"),
            1 => RulePeer.ForPrefixList("pl-0"),
            _ => RulePeer.ForCidr(RandomBlock(random)),
        };
        Cidr? local = random.Next(6) == 0
            ? Cidr.Parse(random.Next(2) == 0 ? TestPolicies.InstanceAddress : "10.0.0.99")
            : null;
        return new SecurityGroupRule
        {
            SecurityGroupRuleId = id,
            SecurityGroupId = groupId,
            Direction = random.Next(3) == 0 ? Direction.Egress : Direction.Ingress,
            Policy = random.Next(2) == 0 ? RulePolicy.Accept : RulePolicy.Drop,
            Priority = random.Next(1, 4),
            IpProtocol = protocol,
            PortRange = protocol.HasPorts() ? PortRange.Parse(PortRanges[random.Next(PortRanges.Length)]) : PortRange.Any,
            SourcePortRange = protocol.HasPorts() && SourcePortRanges[random.Next(SourcePortRanges.Length)] is { } ports ? PortRange.Parse(ports) : null,
            Peer = peer,
            LocalCidr = local,
            CreationTime = DateTimeOffset.UnixEpoch.AddSeconds(random.Next(5)),
        };
    }

    private static Cidr RandomBlock(Random random) => random.Next(4) == 0
        ? Cidr.Create(IpFamily.IPv6, V6Bases[random.Next(V6Bases.Length)], V6Prefixes[random.Next(V6Prefixes.Length)])
        : Cidr.Create(IpFamily.IPv4, V4Bases[random.Next(V4Bases.Length)] + (uint)random.Next(4), V4Prefixes[random.Next(V4Prefixes.Length)]);

    private static UInt128 V4(byte a, byte b, byte c, byte d) => (UInt128)(((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d);
}
