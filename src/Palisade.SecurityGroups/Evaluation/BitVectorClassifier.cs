using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// First-match classification of one address family's entries by field decomposition: each header field maps the
/// packet's value to its elementary interval, each interval has the bitset of entries whose range covers it
/// (<see cref="FieldBitsets"/>), and the first entry present in every field's bitset is the first match, because
/// bit order is precedence order.
/// </summary>
/// <remarks>
/// <para>
/// This is the Bit Vector scheme of Lakshman &amp; Stiliadis ("High-Speed Policy-based Packet Forwarding Using
/// Efficient Multi-dimensional Range Matching", SIGCOMM 1998) with the aggregate bits of Baboescu &amp; Varghese
/// ("Scalable Packet Classification", SIGCOMM 2001). It was chosen over decision trees (HiCuts, HyperSplit) and
/// RFC because its cost and memory are predictable on any rule set: no rule replication, memory that grows with the
/// number of distinct entry sets per field and never with their product, and per packet a few table reads plus
/// an AND over cache-line blocks that stops at the first match.
/// </para>
/// <para>
/// Two refinements make the aggregates pay off on realistic rule sets. Broad entries (wide prefixes, "any" ports)
/// are spread through real lists, so every 512-entry block has some entry in every field and an aggregate bit is
/// almost always set; the entries are therefore split into partitions, each keeping precedence order, in which one
/// address field is selective: source prefix at least half the address length, else destination prefix at least
/// that long, else the rest. In the first two the selective field's aggregate is sparse, so few blocks are read;
/// the first match overall is the smallest index any partition reports, and a partition stops as soon as its next
/// block cannot beat the best so far. And protocol and source port, which have few distinct sets, are crossed into
/// one table so that the scan reads four streams, not five (unless crossing would cost too much memory).
/// </para>
/// </remarks>
internal sealed class BitVectorClassifier
{
    private readonly StrideTrie32 _protocol;
    private readonly StrideTrie32 _sourcePort;
    private readonly int _sourcePortIntervals;
    private readonly StrideTrie32 _destinationPort;
    private readonly StrideTrie32? _source32;
    private readonly StrideTrie32? _destination32;
    private readonly IntervalIndex128? _source128;
    private readonly IntervalIndex128? _destination128;
    private readonly PartitionLayout[] _partitions;
    private readonly BitsetStream _pairStream;
    private readonly BitsetStream _sourceStream;
    private readonly BitsetStream _destinationStream;
    private readonly BitsetStream _destinationPortStream;

    /// <summary>The source port stream when it is not crossed into the pair stream; otherwise the pair stream itself.</summary>
    private readonly BitsetStream _sourcePortStream;
    private readonly bool _crossed;

    /// <param name="family">The address family of every entry and of every packet asked about.</param>
    /// <param name="entries">Entries of <paramref name="family"/> in precedence order.</param>
    /// <param name="entryIndexes">For each entry, the index reported when it is the first match; ascending.</param>
    public BitVectorClassifier(IpFamily family, IReadOnlyList<PolicyEntry> entries, int[] entryIndexes)
    {
        var addressMax = family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue;
        var protocol = new Field(entries, e => e.ProtocolLow, e => e.ProtocolHigh, byte.MaxValue);
        var sourcePort = new Field(entries, e => e.SourcePortLow, e => e.SourcePortHigh, ushort.MaxValue);
        var destinationPort = new Field(entries, e => e.DestinationPortLow, e => e.DestinationPortHigh, ushort.MaxValue);
        var source = new Field(entries, e => e.Source.Network, e => e.Source.Last, addressMax);
        var destination = new Field(entries, e => e.Destination.Network, e => e.Destination.Last, addressMax);

        _protocol = protocol.Trie(8);
        _sourcePort = sourcePort.Trie(16);
        _sourcePortIntervals = sourcePort.Starts.Length;
        _destinationPort = destinationPort.Trie(16);
        if (family == IpFamily.IPv4)
        {
            _source32 = source.Trie(32);
            _destination32 = destination.Trie(32);
        }
        else
        {
            _source128 = new IntervalIndex128(source.Starts, Identity(source.Starts.Length));
            _destination128 = new IntervalIndex128(destination.Starts, Identity(destination.Starts.Length));
        }

        var selectiveLength = family == IpFamily.IPv4 ? 16 : 64;
        int PartitionOf(PolicyEntry entry) =>
            entry.Source.PrefixLength >= selectiveLength ? 0 : entry.Destination.PrefixLength >= selectiveLength ? 1 : 2;

        var members = Enumerable.Range(0, 3)
            .Select(partition => Enumerable.Range(0, entries.Count).Where(i => PartitionOf(entries[i]) == partition).ToArray())
            .Where(m => m.Length > 0)
            .ToArray();
        var protocolSets = members.Select(m => protocol.Sets(m, FieldBitsets.WordsFor(m.Length))).ToArray();
        var sourcePortSets = members.Select(m => sourcePort.Sets(m, FieldBitsets.WordsFor(m.Length))).ToArray();
        _crossed = CrossedBytes(protocolSets, sourcePortSets) <= MaxCrossedBytes;

        var partitions = new List<PartitionLayout>(3);
        var pair = new StreamBuilder();
        var sourcePortOnly = new StreamBuilder();
        var sourceSets = new StreamBuilder();
        var destinationSets = new StreamBuilder();
        var destinationPortSets = new StreamBuilder();
        var recordOffset = 0;
        for (var k = 0; k < members.Length; k++)
        {
            var words = FieldBitsets.WordsFor(members[k].Length);
            var aggregateWords = FieldBitsets.AggregateWordsFor(words);
            partitions.Add(new PartitionLayout([.. members[k].Select(m => entryIndexes[m])], recordOffset, aggregateWords));
            recordOffset += 1 + aggregateWords;

            if (_crossed)
            {
                pair.Add(Cross(protocolSets[k], sourcePortSets[k], words));
            }
            else
            {
                pair.Add(protocolSets[k]);
                sourcePortOnly.Add(sourcePortSets[k]);
            }

            sourceSets.Add(source.Sets(members[k], words));
            destinationSets.Add(destination.Sets(members[k], words));
            destinationPortSets.Add(destinationPort.Sets(members[k], words));
        }

        var recordWords = Math.Max(1, (recordOffset + 7) / 8) * 8;
        _partitions = [.. partitions];
        _pairStream = pair.Build(_partitions, recordWords);
        _sourceStream = sourceSets.Build(_partitions, recordWords);
        _destinationStream = destinationSets.Build(_partitions, recordWords);
        _destinationPortStream = destinationPortSets.Build(_partitions, recordWords);
        _sourcePortStream = _crossed ? _pairStream : sourcePortOnly.Build(_partitions, recordWords);
    }

    /// <summary>
    /// Crossing multiplies the sets of two fields. Security group rules name a handful of protocols and few source
    /// port ranges, so the product is small; a list with thousands of distinct source port ranges keeps the source
    /// port as a stream of its own instead, which costs one more line per block but bounds memory.
    /// </summary>
    private const long MaxCrossedBytes = 32L << 20;

    public long MemoryBytes =>
        _pairStream.MemoryBytes + (_crossed ? 0 : _sourcePortStream.MemoryBytes) + _sourceStream.MemoryBytes + _destinationStream.MemoryBytes + _destinationPortStream.MemoryBytes
        + _partitions.Sum(p => p.EntryIndexes.Length * 4L)
        + _protocol.MemoryBytes + _sourcePort.MemoryBytes + _destinationPort.MemoryBytes
        + (_source32?.MemoryBytes ?? 0) + (_destination32?.MemoryBytes ?? 0)
        + (_source128?.MemoryBytes ?? 0) + (_destination128?.MemoryBytes ?? 0);

    /// <summary>The reported index of the first entry matching the packet's header fields, or -1.</summary>
    public int FindFirst(in PacketQuery packet)
    {
        int sourceInterval, destinationInterval;
        if (_source32 is not null)
        {
            sourceInterval = _source32.Find((uint)packet.Source);
            destinationInterval = _destination32!.Find((uint)packet.Destination);
        }
        else
        {
            sourceInterval = _source128!.Find(packet.Source);
            destinationInterval = _destination128!.Find(packet.Destination);
        }

        var protocolInterval = _protocol.Find(packet.Protocol);
        var sourcePortInterval = _sourcePort.Find(packet.SourcePort);
        var pairClass = _crossed ? (protocolInterval * _sourcePortIntervals) + sourcePortInterval : protocolInterval;
        ref var pairRecord = ref _pairStream.Record(pairClass);

        // When crossed, the source port stream is the pair stream: ANDing a set with itself changes nothing, and its
        // lines are already in L1, so the loop below needs no branch for the two layouts.
        ref var sourcePortRecord = ref _sourcePortStream.Record(_crossed ? pairClass : sourcePortInterval);
        ref var sourcePortBits = ref _sourcePortStream.Bits;
        ref var sourceRecord = ref _sourceStream.Record(sourceInterval);
        ref var destinationRecord = ref _destinationStream.Record(destinationInterval);
        ref var destinationPortRecord = ref _destinationPortStream.Record(_destinationPort.Find(packet.DestinationPort));
        ref var pairBits = ref _pairStream.Bits;
        ref var sourceBits = ref _sourceStream.Bits;
        ref var destinationBits = ref _destinationStream.Bits;
        ref var destinationPortBits = ref _destinationPortStream.Bits;

        var best = int.MaxValue;
        foreach (var partition in _partitions)
        {
            var at = partition.RecordOffset;
            var pair = Unsafe.Add(ref pairRecord, at);
            var source = Unsafe.Add(ref sourceRecord, at);
            var destination = Unsafe.Add(ref destinationRecord, at);
            var destinationPort = Unsafe.Add(ref destinationPortRecord, at);
            var sourcePort = Unsafe.Add(ref sourcePortRecord, at);
            var entryIndexes = partition.EntryIndexes;
            for (var a = 0; a < partition.AggregateWords; a++)
            {
                // A block can only hold a match if it has entries in all four streams; the aggregates say which do.
                var aggregate = at + 1 + a;
                var candidates = Unsafe.Add(ref pairRecord, aggregate) & Unsafe.Add(ref sourceRecord, aggregate)
                    & Unsafe.Add(ref destinationRecord, aggregate) & Unsafe.Add(ref destinationPortRecord, aggregate)
                    & Unsafe.Add(ref sourcePortRecord, aggregate);
                while (candidates != 0)
                {
                    var block = (a << 6) + BitOperations.TrailingZeroCount(candidates);
                    var firstOfBlock = block * FieldBitsets.BlockEntries;

                    // Reported indexes grow with bit position: once a block cannot beat the best, neither can the rest.
                    if (entryIndexes[firstOfBlock] >= best)
                    {
                        goto NextPartition;
                    }

                    var word = (nuint)(block * FieldBitsets.BlockWords);
                    var low = Vector256.LoadUnsafe(ref pairBits, (nuint)pair + word)
                        & Vector256.LoadUnsafe(ref sourceBits, (nuint)source + word)
                        & Vector256.LoadUnsafe(ref destinationBits, (nuint)destination + word)
                        & Vector256.LoadUnsafe(ref destinationPortBits, (nuint)destinationPort + word)
                        & Vector256.LoadUnsafe(ref sourcePortBits, (nuint)sourcePort + word);
                    var high = Vector256.LoadUnsafe(ref pairBits, (nuint)pair + word + 4)
                        & Vector256.LoadUnsafe(ref sourceBits, (nuint)source + word + 4)
                        & Vector256.LoadUnsafe(ref destinationBits, (nuint)destination + word + 4)
                        & Vector256.LoadUnsafe(ref destinationPortBits, (nuint)destinationPort + word + 4)
                        & Vector256.LoadUnsafe(ref sourcePortBits, (nuint)sourcePort + word + 4);
                    if ((low | high) != Vector256<ulong>.Zero)
                    {
                        var nonZeroLanes = ~(Vector256.Equals(low, Vector256<ulong>.Zero).ExtractMostSignificantBits()
                            | (Vector256.Equals(high, Vector256<ulong>.Zero).ExtractMostSignificantBits() << 4));
                        var lane = BitOperations.TrailingZeroCount(nonZeroLanes);
                        var bits = lane < 4 ? low.GetElement(lane) : high.GetElement(lane - 4);
                        best = Math.Min(best, entryIndexes[firstOfBlock + (lane << 6) + BitOperations.TrailingZeroCount(bits)]);
                        goto NextPartition;
                    }

                    candidates &= candidates - 1;
                }
            }

        NextPartition:;
        }

        return best == int.MaxValue ? -1 : best;
    }

    /// <summary>
    /// Bytes crossing could take: a record (a cache line) and a set id per partition for every pair of intervals,
    /// and a set per distinct pair of protocol and source port sets.
    /// </summary>
    private static long CrossedBytes((int[] SetIds, BitsetPool Pool)[] protocol, (int[] SetIds, BitsetPool Pool)[] sourcePort)
    {
        long bytes = (long)protocol[0].SetIds.Length * sourcePort[0].SetIds.Length * (64 + (4 * protocol.Length));
        for (var k = 0; k < protocol.Length; k++)
        {
            bytes += (long)protocol[k].Pool.Count * sourcePort[k].Pool.Count * protocol[k].Pool.Words * sizeof(ulong);
        }

        return bytes;
    }

    /// <summary>The (protocol interval × source port interval) classes of a partition and the set of each.</summary>
    private static (int[] SetIds, BitsetPool Pool) Cross((int[] SetIds, BitsetPool Pool) protocol, (int[] SetIds, BitsetPool Pool) sourcePort, int words)
    {
        var (protocolSets, protocolPool) = protocol;
        var (sourcePortSets, sourcePortPool) = sourcePort;
        var pool = new BitsetPool(words);
        var setIds = new int[protocolSets.Length * sourcePortSets.Length];
        var crossed = new Dictionary<(int, int), int>();
        var both = new ulong[words];
        for (var p = 0; p < protocolSets.Length; p++)
        {
            for (var s = 0; s < sourcePortSets.Length; s++)
            {
                var key = (protocolSets[p], sourcePortSets[s]);
                if (!crossed.TryGetValue(key, out var set))
                {
                    var protocolWords = protocolPool.EntryWords(key.Item1);
                    var sourcePortWords = sourcePortPool.EntryWords(key.Item2);
                    for (var w = 0; w < words; w++)
                    {
                        both[w] = protocolWords[w] & sourcePortWords[w];
                    }

                    set = pool.Intern(both);
                    crossed.Add(key, set);
                }

                setIds[(p * sourcePortSets.Length) + s] = set;
            }
        }

        return (setIds, pool);
    }

    private static int[] Identity(int count) => [.. Enumerable.Range(0, count)];

    /// <summary>One header field's ranges over all the family's entries, and its elementary intervals.</summary>
    private sealed class Field
    {
        private readonly UInt128[] _lows;
        private readonly UInt128[] _highs;
        private readonly UInt128 _keyMax;

        public Field(IReadOnlyList<PolicyEntry> entries, Func<PolicyEntry, UInt128> low, Func<PolicyEntry, UInt128> high, UInt128 keyMax)
        {
            _lows = [.. entries.Select(low)];
            _highs = [.. entries.Select(high)];
            _keyMax = keyMax;
            Starts = FieldBitsets.ElementaryStarts(_lows, _highs, keyMax);
        }

        public UInt128[] Starts { get; }

        public StrideTrie32 Trie(int keyBits) =>
            new(Array.ConvertAll(Starts, s => (uint)s), Identity(Starts.Length), keyBits);

        /// <summary>The set of <paramref name="members"/> (bit i for members[i]) covering each interval.</summary>
        public (int[] SetIds, BitsetPool Pool) Sets(int[] members, int words)
        {
            var pool = new BitsetPool(words);
            var setIds = FieldBitsets.SetPerInterval(
                pool, [.. members.Select(m => _lows[m])], [.. members.Select(m => _highs[m])], _keyMax, Starts);
            return (setIds, pool);
        }
    }

    /// <summary>Collects one stream's sets partition by partition.</summary>
    private sealed class StreamBuilder
    {
        private readonly List<int[]> _setIds = [];
        private readonly List<BitsetPool> _pools = [];

        public void Add((int[] SetIds, BitsetPool Pool) partition)
        {
            _setIds.Add(partition.SetIds);
            _pools.Add(partition.Pool);
        }

        public BitsetStream Build(PartitionLayout[] layout, int recordWords) =>
            new(_setIds.Count == 0 ? [[]] : _setIds, _pools, layout, recordWords);
    }
}
