using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Nftables;
using Palisade.SecurityGroups.Tests.Evaluation;
using static Palisade.SecurityGroups.Tests.Evaluation.Policies;

namespace Palisade.SecurityGroups.Tests.Nftables;

public sealed class CoveredAtomsTests
{
    [Fact]
    public void Remove_AtomInsideAnEarlierOne_IsLeftOut()
    {
        var atoms = new[] { Atom(0, "192.0.2.0/24", 1, 65535), Atom(1, "192.0.2.7/32", 22, 22), Atom(2, "198.51.100.7/32", 22, 22) };

        Assert.Equal([0, 2], CoveredAtoms.Remove(atoms).Select(a => a.EntryIndex));
    }

    [Fact]
    public void Remove_AtomInsideALaterOne_IsKept()
    {
        var atoms = new[] { Atom(0, "192.0.2.7/32", 22, 22), Atom(1, "192.0.2.0/24", 1, 65535) };

        Assert.Equal([0, 1], CoveredAtoms.Remove(atoms).Select(a => a.EntryIndex));
    }

    [Fact]
    public void Remove_AtomCoveredOnlyByTwoTogether_IsKept()
    {
        // Only single covering atoms are looked for: the two halves hide the /24, but keeping it is merely wasteful.
        var atoms = new[] { Atom(0, "192.0.2.0/25", 1, 65535), Atom(1, "192.0.2.128/25", 1, 65535), Atom(2, "192.0.2.0/24", 80, 80) };

        Assert.Equal([0, 1, 2], CoveredAtoms.Remove(atoms).Select(a => a.EntryIndex));
    }

    [Theory]
    [InlineData("192.0.2.0/24", 1, 1023, "192.0.2.7/32", 1000, 2000)]
    [InlineData("192.0.2.0/25", 1, 65535, "192.0.2.0/24", 22, 22)]
    [InlineData("0.0.0.0/0", 22, 22, "192.0.2.7/32", 23, 23)]
    public void Remove_PartialOverlap_KeepsBoth(string first, int firstLow, int firstHigh, string second, int secondLow, int secondHigh)
    {
        var atoms = new[] { Atom(0, first, firstLow, firstHigh), Atom(1, second, secondLow, secondHigh) };

        Assert.Equal([0, 1], CoveredAtoms.Remove(atoms).Select(a => a.EntryIndex));
    }

    [Fact]
    public void Remove_WiderProtocolInterval_CoversEachProtocolInside()
    {
        // An "all protocols" entry becomes the interval tcp-udp on the ports side of the chain.
        var both = Atom(0, "192.0.2.0/24", 0, 65535) with { ProtocolHigh = IpProtocols.UdpNumber };
        var udp = Atom(1, "192.0.2.0/24", 53, 53) with { ProtocolLow = IpProtocols.UdpNumber, ProtocolHigh = IpProtocols.UdpNumber };
        var tcp = Atom(0, "192.0.2.0/24", 0, 65535);

        Assert.Equal([0], CoveredAtoms.Remove([both, udp]).Select(a => a.EntryIndex));
        Assert.Equal([0, 1], CoveredAtoms.Remove([tcp, both with { EntryIndex = 1 }]).Select(a => a.EntryIndex));
    }

    [Theory]
    [InlineData(1, 400)]
    [InlineData(2, 1500)]
    [InlineData(3, 4000)]
    public void Remove_RandomAtoms_EveryPacketHasTheSameFirstMatch(int seed, int count)
    {
        var random = new RandomPolicies(seed);
        var entries = random.Entries(count);
        foreach (var family in new[] { IpFamily.IPv4, IpFamily.IPv6 })
        {
            var ports = new List<MatchAtom>();
            var noPorts = new List<MatchAtom>();
            for (var i = 0; i < entries.Length; i++)
            {
                if (entries[i].Family == family)
                {
                    MatchAtom.Split(entries[i], i, ports, noPorts);
                }
            }

            foreach (var atoms in new[] { ports.ToArray(), noPorts.ToArray() })
            {
                var kept = CoveredAtoms.Remove(atoms);

                for (var p = 0; p < 2000; p++)
                {
                    var packet = random.PacketNear(entries);
                    Assert.True(
                        FirstMatch(atoms, packet) == FirstMatch(kept, packet),
                        $"seed {seed}: {packet} first matches entry {FirstMatch(atoms, packet)} among all atoms, {FirstMatch(kept, packet)} among the kept ones");
                }

                // The brute-force definition: an atom is left out exactly when one earlier atom covers it.
                var expected = atoms.Where((atom, k) => !atoms.Take(k).Any(earlier => CoveredAtoms.Covers(earlier, atom))).Select(a => a.EntryIndex);
                Assert.Equal(expected, kept.Select(a => a.EntryIndex));
            }
        }
    }

    [Fact]
    public void Compile_RuleHiddenByAnEarlierBroaderRule_KeepsItsCounterButMatchesNowhere()
    {
        var policy = Instance(Group("sg-a",
            Accept("sgr-broad", IpProtocol.Tcp, "1/65535", "192.0.2.0/24", priority: 1),
            Drop("sgr-hidden", IpProtocol.Tcp, "22/22", "192.0.2.7/32", priority: 2),
            Accept("sgr-other", IpProtocol.Tcp, "22/22", "198.51.100.7/32", priority: 2)));

        var ruleset = NftablesCompiler.Compile(EffectivePolicyBuilder.Build(policy), new NftCompileOptions { SetThreshold = 1 });

        Assert.Single(ruleset.Counters, c => c.Name == "sgr-hidden");
        var mentions = ruleset.Script.Split('\n').Where(line => line.Contains("r_sgr-hidden", StringComparison.Ordinal)).ToList();
        Assert.Equal(["\tcounter r_sgr-hidden { }"], mentions);
        Assert.Contains(ruleset.Script.Split('\n'), line => line.Contains("\"r_sgr-other\"", StringComparison.Ordinal));
    }

    private static int? FirstMatch(MatchAtom[] atoms, PacketQuery packet)
    {
        foreach (var atom in atoms)
        {
            if (atom.Family == packet.Family
                && atom.ProtocolLow <= packet.Protocol && packet.Protocol <= atom.ProtocolHigh
                && atom.Source.Contains(packet.Family, packet.Source) && atom.Destination.Contains(packet.Family, packet.Destination)
                && atom.SourcePortLow <= packet.SourcePort && packet.SourcePort <= atom.SourcePortHigh
                && atom.DestinationPortLow <= packet.DestinationPort && packet.DestinationPort <= atom.DestinationPortHigh)
            {
                return atom.EntryIndex;
            }
        }

        return null;
    }

    private static MatchAtom Atom(int entryIndex, string source, int destinationPortLow, int destinationPortHigh) =>
        new(entryIndex, MatchShape.Ports, IpFamily.IPv4, IpProtocols.TcpNumber, IpProtocols.TcpNumber, Cidr.Parse(source), Cidr.AnyIPv4,
            0, ushort.MaxValue, (ushort)destinationPortLow, (ushort)destinationPortHigh);
}
