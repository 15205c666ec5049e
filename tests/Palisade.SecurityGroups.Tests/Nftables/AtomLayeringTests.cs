using Palisade.Core;
using Palisade.SecurityGroups.Nftables;
using Palisade.SecurityGroups.Tests.Evaluation;

namespace Palisade.SecurityGroups.Tests.Nftables;

public sealed class AtomLayeringTests
{
    [Fact]
    public void Assign_DisjointAtoms_AllInTheFirstLayer()
    {
        var atoms = new[] { Atom("192.0.2.0/25"), Atom("192.0.2.128/25"), Atom("198.51.100.0/24") };

        Assert.Equal([0, 0, 0], AtomLayering.Assign(atoms));
    }

    [Fact]
    public void Assign_NestedBlocks_EachLaterOverlappingAtomOneLayerUp()
    {
        var atoms = new[] { Atom("192.0.2.1/32"), Atom("192.0.2.0/24"), Atom("198.51.100.0/24"), Atom("0.0.0.0/0") };

        Assert.Equal([0, 1, 0, 2], AtomLayering.Assign(atoms));
    }

    [Fact]
    public void Assign_SameBlocksDisjointPorts_ShareALayer()
    {
        var atoms = new[] { Atom("192.0.2.0/24", 22, 22), Atom("192.0.2.0/24", 23, 80), Atom("192.0.2.0/24", 80, 80) };

        Assert.Equal([0, 0, 1], AtomLayering.Assign(atoms));
    }

    [Fact]
    public void Assign_AdjacentPortIntervals_DoNotOverlap()
    {
        var atoms = new[] { Atom("0.0.0.0/0", 1, 1023), Atom("0.0.0.0/0", 1024, 65535), Atom("0.0.0.0/0", 0, 0) };

        Assert.Equal([0, 0, 0], AtomLayering.Assign(atoms));
    }

    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 600)]
    [InlineData(3, 600)]
    [InlineData(4, 1500)]
    [InlineData(5, 4000)]
    public void Assign_RandomAtoms_EqualsThePairwiseDefinition(int seed, int count)
    {
        // Large lists send wide atoms down the top-down path and narrow ones through the indexes; both must agree
        // with the definition.
        var entries = new RandomPolicies(seed).Entries(count);
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
                var layers = AtomLayering.Assign(atoms);

                for (var k = 0; k < atoms.Length; k++)
                {
                    var expected = 0;
                    for (var i = 0; i < k; i++)
                    {
                        if (atoms[i].Overlaps(atoms[k]))
                        {
                            expected = Math.Max(expected, layers[i] + 1);
                        }
                    }

                    Assert.True(expected == layers[k], $"seed {seed}: atom {k} ({atoms[k]}) is in layer {layers[k]}, the definition gives {expected}");
                }
            }
        }
    }

    private static MatchAtom Atom(string source, ushort destinationPortLow = 0, ushort destinationPortHigh = ushort.MaxValue) =>
        new(0, MatchShape.Ports, IpFamily.IPv4, 6, 6, Cidr.Parse(source), Cidr.AnyIPv4, 0, ushort.MaxValue, destinationPortLow, destinationPortHigh);
}
