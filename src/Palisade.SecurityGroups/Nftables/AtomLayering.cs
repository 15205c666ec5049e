using Palisade.Core;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// Splits an ordered, first-match-wins list of atoms into layers whose atoms are pairwise disjoint, so that a
/// layer can be one map lookup (the kernel's pipapo interval sets hold only non-overlapping elements, and a map
/// cannot say which of two overlapping elements comes first).
/// </summary>
/// <remarks>
/// layer(k) = 1 + the highest layer of an earlier atom that overlaps atom k (0 when none does). Testing the
/// layers in ascending order then gives every packet the verdict of its first matching atom: an atom matching
/// the same packet after the first one overlaps it and so sits in a strictly higher layer, and an atom before it
/// does not match the packet at all. Inside a layer order is irrelevant because no packet matches two atoms.
/// <para>
/// Finding earlier overlapping atoms pairwise costs n² box tests (50 M for 10,000 entries). CIDR blocks are
/// laminar — two blocks overlap only if one contains the other — so candidates come from an index per address
/// dimension instead: blocks containing the atom's block are looked up per prefix length in use, blocks inside it
/// by a range scan. For each atom the dimension with fewer candidates is used (a specific source with a wildcard
/// destination looks at the source index, and the other way round), and candidates are tested on compact arrays,
/// ports first, because the wildcard-heavy firewall rule sets still leave millions of candidate pairs.
/// </para>
/// </remarks>
internal static class AtomLayering
{
    /// <summary>Candidates above which an atom is placed by scanning layers from the top instead of through an index.</summary>
    private const int WideAtomCandidates = 256;

    /// <summary>The layer of each atom (0-based), for atoms of one family and shape in evaluation order.</summary>
    public static int[] Assign(MatchAtom[] atoms)
    {
        var layers = new int[atoms.Length];
        if (atoms.Length == 0)
        {
            return layers;
        }

        var boxes = new Boxes(atoms);
        var bySource = new LaminarIndex(atoms, static a => a.Source);
        var byDestination = new LaminarIndex(atoms, static a => a.Destination);
        var members = new List<List<int>>();
        for (var k = 0; k < atoms.Length; k++)
        {
            var source = atoms[k].Source;
            var destination = atoms[k].Destination;
            var fromSource = bySource.CandidateCount(source, k);
            var fromDestination = byDestination.CandidateCount(destination, k);
            int highest;
            if (Math.Min(fromSource, fromDestination) <= WideAtomCandidates)
            {
                var (index, block) = fromSource <= fromDestination ? (bySource, source) : (byDestination, destination);
                highest = index.HighestEarlierOverlappingLayer(block, k, boxes, layers);
            }
            else
            {
                highest = HighestOverlappingLayerFromTheTop(members, k, boxes);
            }

            layers[k] = highest + 1;
            if (layers[k] == members.Count)
            {
                members.Add([]);
            }

            members[layers[k]].Add(k);
        }

        return layers;
    }

    /// <summary>
    /// For an atom with many candidates (a wildcard in both address dimensions overlaps almost everything): the
    /// layers from the highest down, stopping at the first overlap, which for such an atom comes almost at once.
    /// </summary>
    private static int HighestOverlappingLayerFromTheTop(List<List<int>> members, int k, Boxes boxes)
    {
        for (var layer = members.Count - 1; layer >= 0; layer--)
        {
            foreach (var other in members[layer])
            {
                if (boxes.Overlap(other, k))
                {
                    return layer;
                }
            }
        }

        return -1;
    }

    /// <summary>The atoms' bounds as flat arrays: a candidate test reads a few cache lines, not whole records.</summary>
    private sealed class Boxes
    {
        private readonly uint[] _ports;
        private readonly uint[] _sourcePorts;
        private readonly ushort[] _protocols;
        private readonly UInt128[] _sourceLow;
        private readonly UInt128[] _sourceHigh;
        private readonly UInt128[] _destinationLow;
        private readonly UInt128[] _destinationHigh;

        public Boxes(MatchAtom[] atoms)
        {
            _ports = [.. atoms.Select(a => Pack(a.DestinationPortLow, a.DestinationPortHigh))];
            _sourcePorts = [.. atoms.Select(a => Pack(a.SourcePortLow, a.SourcePortHigh))];
            _protocols = [.. atoms.Select(a => (ushort)((a.ProtocolLow << 8) | a.ProtocolHigh))];
            _sourceLow = [.. atoms.Select(a => a.Source.Network)];
            _sourceHigh = [.. atoms.Select(a => a.Source.Last)];
            _destinationLow = [.. atoms.Select(a => a.Destination.Network)];
            _destinationHigh = [.. atoms.Select(a => a.Destination.Last)];
        }

        public bool Overlap(int a, int b) =>
            Overlap16(_ports[a], _ports[b])
            && ((_protocols[a] >> 8) <= (_protocols[b] & 0xFF) && (_protocols[b] >> 8) <= (_protocols[a] & 0xFF))
            && Overlap16(_sourcePorts[a], _sourcePorts[b])
            && _sourceLow[a] <= _sourceHigh[b] && _sourceLow[b] <= _sourceHigh[a]
            && _destinationLow[a] <= _destinationHigh[b] && _destinationLow[b] <= _destinationHigh[a];

        private static uint Pack(ushort low, ushort high) => ((uint)low << 16) | high;

        private static bool Overlap16(uint a, uint b) => (a >> 16) <= (b & 0xFFFF) && (b >> 16) <= (a & 0xFFFF);
    }

    /// <summary>Atoms by the network of one address block, one array sorted by (network, atom) per prefix length in use.</summary>
    private sealed class LaminarIndex
    {
        private readonly int _addressBits;
        private readonly int[] _prefixLengths;
        private readonly UInt128[][] _networks;
        private readonly int[][] _atomIndexes;

        public LaminarIndex(MatchAtom[] atoms, Func<MatchAtom, Cidr> block)
        {
            _addressBits = atoms[0].Family == IpFamily.IPv4 ? 32 : 128;
            var byLength = new SortedDictionary<int, List<(UInt128 Network, int Index)>>();
            for (var i = 0; i < atoms.Length; i++)
            {
                var cidr = block(atoms[i]);
                if (!byLength.TryGetValue(cidr.PrefixLength, out var list))
                {
                    byLength[cidr.PrefixLength] = list = [];
                }

                list.Add((cidr.Network, i));
            }

            _prefixLengths = [.. byLength.Keys];
            _networks = new UInt128[_prefixLengths.Length][];
            _atomIndexes = new int[_prefixLengths.Length][];
            var slot = 0;
            foreach (var list in byLength.Values)
            {
                list.Sort();
                _networks[slot] = [.. list.Select(e => e.Network)];
                _atomIndexes[slot] = [.. list.Select(e => e.Index)];
                slot++;
            }
        }

        /// <summary>
        /// An upper bound of the atoms before <paramref name="k"/> whose block overlaps <paramref name="block"/>:
        /// exact for the containing blocks, every atom for the blocks inside it.
        /// </summary>
        public int CandidateCount(Cidr block, int k)
        {
            var count = 0;
            for (var slot = 0; slot < _prefixLengths.Length; slot++)
            {
                var (first, end, containing) = Range(slot, block);
                count += (containing ? EarlierEnd(_atomIndexes[slot], first, end, k) : end) - first;
            }

            return count;
        }

        /// <summary>The highest layer among atoms before <paramref name="k"/> that overlap it; -1 if none.</summary>
        public int HighestEarlierOverlappingLayer(Cidr block, int k, Boxes boxes, int[] layers)
        {
            var highest = -1;
            for (var slot = 0; slot < _prefixLengths.Length; slot++)
            {
                var indexes = _atomIndexes[slot];
                var (first, end, containing) = Range(slot, block);
                if (containing)
                {
                    // One network, so the run is sorted by atom: the earlier atoms are its start.
                    end = EarlierEnd(indexes, first, end, k);
                }

                for (var i = first; i < end; i++)
                {
                    var other = indexes[i];
                    if (other < k && layers[other] > highest && boxes.Overlap(other, k))
                    {
                        highest = layers[other];
                    }
                }
            }

            return highest;
        }

        /// <summary>
        /// The slice of one prefix length's array whose blocks overlap <paramref name="block"/>: the one block of
        /// that length containing it (<c>Containing</c>), or every block of that length inside it.
        /// </summary>
        private (int First, int End, bool Containing) Range(int slot, Cidr block)
        {
            var networks = _networks[slot];
            var length = _prefixLengths[slot];
            var containing = length <= block.PrefixLength;
            var (low, high) = containing ? (block.Network & ~HostMask(length), block.Network & ~HostMask(length)) : (block.Network, block.Last);
            var first = LowerBound(networks, low);
            var end = high == UInt128.MaxValue ? networks.Length : LowerBound(networks, high + 1);
            return (first, end, containing);
        }

        /// <summary>In a run sorted by atom, the end of the atoms before <paramref name="k"/>.</summary>
        private static int EarlierEnd(int[] indexes, int first, int end, int k)
        {
            var position = Array.BinarySearch(indexes, first, end - first, k);
            return position >= 0 ? position : ~position;
        }

        private UInt128 HostMask(int prefixLength)
        {
            var hostBits = _addressBits - prefixLength;
            return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        }

        private static int LowerBound(UInt128[] networks, UInt128 value)
        {
            int low = 0, high = networks.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (networks[middle] < value)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
