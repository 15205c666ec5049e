using System.Collections.Immutable;
using System.Numerics;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// The compiled first-match classifier over an ordered list of <see cref="PolicyEntry"/>: immutable after
/// construction, safe to share between threads, and allocation-free per packet. Entries are split by address
/// family (an entry never matches a packet of the other family), and each family's entries by which address is
/// selective, each part compiled into a <see cref="DecisionForest{T, TRule}"/> that keeps the entries' relative order.
/// </summary>
/// <remarks>
/// Splitting by selective address follows CutSplit (W. Li, X. Li, H. Li and G. Xie, "CutSplit: A Decision-Tree
/// Combining Cutting and Splitting for Scalable Packet Classification", IEEE INFOCOM 2018) and EffiCuts
/// (B. Vamanan, G. Voskuilen and T. N. Vijaykumar, SIGCOMM 2010): in one tree, entries specific in the source and
/// wildcard in the destination and entries the other way round force each other to be copied into every cell of
/// their cross product, which on firewall-style lists grows the tree quadratically. Apart, each tree splits on the
/// field its entries have in common. The first match overall is the smallest index any tree reports.
/// <para>
/// Decision trees replaced a bit-vector scheme (Lakshman and Stiliadis, SIGCOMM 1998, with Baboescu and Varghese's
/// aggregates) whose per-packet cost grew with how far down the list the first match lies: at 10,000 entries the
/// match lies thousands of entries deep, and the scan of 20–25 MB of bitsets managed 2–4 million packets a second;
/// the trees take a few hundred kilobytes to 2 MB and a walk of about four cache lines per tree. docs/benchmarks.md
/// has the numbers.
/// </para>
/// </remarks>
internal sealed class PacketClassifier
{
    private readonly DecisionForest<uint, Ipv4LeafRule> _ipv4;
    private readonly DecisionForest<UInt128, ScalarLeafRule<UInt128>> _ipv6;

    public PacketClassifier(ImmutableArray<PolicyEntry> entries)
    {
        Entries = entries.IsDefault ? [] : entries;
        _ipv4 = Compile<uint, Ipv4LeafRule>(Entries, IpFamily.IPv4, uint.MaxValue);
        _ipv6 = Compile<UInt128, ScalarLeafRule<UInt128>>(Entries, IpFamily.IPv6, UInt128.MaxValue);
    }

    public ImmutableArray<PolicyEntry> Entries { get; }

    /// <summary>Bytes held by the compiled tables (not counting the entries themselves).</summary>
    public long MemoryBytes => _ipv4.MemoryBytes + _ipv6.MemoryBytes;

    /// <summary>Shape of the IPv4 trees, for benchmarks: split blocks, binary splits, leaf rules.</summary>
    public (int Blocks, int Splits, int LeafRules) Ipv4Shape => (_ipv4.BlockCount, _ipv4.SplitCount, _ipv4.LeafRuleCount);

    /// <summary>The index in <see cref="Entries"/> of the first entry that matches the packet, or -1.</summary>
    public int FindFirstMatch(in PacketQuery packet)
    {
        var best = packet.Family == IpFamily.IPv4 ? _ipv4.FindFirst(packet) : _ipv6.FindFirst(packet);
        return best == int.MaxValue ? -1 : best;
    }

    /// <summary>The first entry that matches the packet, or null.</summary>
    public PolicyEntry? FirstMatch(in PacketQuery packet)
    {
        var index = FindFirstMatch(packet);
        return index < 0 ? null : Entries[index];
    }

    private static DecisionForest<T, TRule> Compile<T, TRule>(ImmutableArray<PolicyEntry> entries, IpFamily family, T addressMax)
        where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
        where TRule : unmanaged, ILeafRule<TRule, T>
    {
        // A prefix of at least half the address length is "selective" (CutSplit's small field); /16 for IPv4.
        var selectiveLength = family == IpFamily.IPv4 ? 16 : 64;
        var parts = new List<(List<PolicyEntry> Entries, List<int> Indexes)> { ([], []), ([], []), ([], []) };
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Family != family)
            {
                continue;
            }

            var part = entry.Source.PrefixLength >= selectiveLength ? 0 : entry.Destination.PrefixLength >= selectiveLength ? 1 : 2;
            parts[part].Entries.Add(entry);
            parts[part].Indexes.Add(i);
        }

        return new DecisionForest<T, TRule>([.. parts.Where(p => p.Entries.Count > 0)
            .Select(p => DecisionTreeBuilder<T, TRule>.Build(p.Entries, [.. p.Indexes], addressMax))
            .OrderBy(t => t.FirstIndex)]);
    }
}
