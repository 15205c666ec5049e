using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// One stream of a <see cref="BitVectorClassifier"/> (a header field, or two crossed) as the scan reads it: for each
/// class of packet value (an elementary interval), a record of one cache line holding, for every partition, the
/// offset of the class's bitset and its aggregate words; and the bitsets of every partition in one aligned array.
/// </summary>
/// <remarks>
/// Putting offset and aggregates of every partition in one line means a packet costs one cache miss per stream
/// before the scan, where separate per-partition tables cost one miss per table; on rule sets of thousands of
/// entries the tables do not fit in the caches, and misses, not instructions, decide the speed.
/// </remarks>
internal sealed class BitsetStream
{
    private readonly ulong[] _records;
    private readonly int _recordStart;
    private readonly ulong[] _bits;
    private readonly int _bitsStart;

    /// <param name="setIds">For each partition, the set id of each class.</param>
    /// <param name="pools">For each partition, its sets.</param>
    /// <param name="layout">For each partition, where its part of a record starts and how many aggregate words it has.</param>
    /// <param name="recordWords">Words per record, a multiple of 8.</param>
    public BitsetStream(IReadOnlyList<int[]> setIds, IReadOnlyList<BitsetPool> pools, IReadOnlyList<PartitionLayout> layout, int recordWords)
    {
        Classes = setIds[0].Length;
        RecordWords = recordWords;

        // Every partition's sets in one array; each set starts on a cache line because set sizes are whole blocks.
        var poolStarts = new int[pools.Count];
        var totalWords = 0;
        for (var k = 0; k < pools.Count; k++)
        {
            poolStarts[k] = totalWords;
            totalWords += pools[k].Count * pools[k].Words;
        }

        var bits = AlignedWords.Allocate(totalWords);
        (_bits, _bitsStart) = (bits.Array, bits.Start);
        for (var k = 0; k < pools.Count; k++)
        {
            for (var id = 0; id < pools[k].Count; id++)
            {
                pools[k].EntryWords(id).CopyTo(_bits.AsSpan(_bitsStart + poolStarts[k] + (id * pools[k].Words)));
            }
        }

        var records = AlignedWords.Allocate(Classes * recordWords);
        (_records, _recordStart) = (records.Array, records.Start);
        for (var k = 0; k < pools.Count; k++)
        {
            var aggregates = pools[k].ExportAggregates();
            var aggregateWords = layout[k].AggregateWords;
            for (var c = 0; c < Classes; c++)
            {
                var id = setIds[k][c];
                var record = _records.AsSpan(_recordStart + (c * recordWords) + layout[k].RecordOffset, 1 + aggregateWords);
                record[0] = (ulong)(poolStarts[k] + (id * pools[k].Words));
                aggregates.AsSpan(id * aggregateWords, aggregateWords).CopyTo(record[1..]);
            }
        }
    }

    public int Classes { get; }

    public int RecordWords { get; }

    public long MemoryBytes => (_records.Length + _bits.Length) * 8L;

    /// <summary>The first word of the record of <paramref name="packetClass"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref ulong Record(int packetClass)
    {
        // The one check that keeps the scan's unchecked reads inside the arrays: records and the offsets in them
        // were written by the constructor and never change.
        if ((uint)packetClass >= (uint)Classes)
        {
            ThrowClass(packetClass);
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_records), _recordStart + (packetClass * RecordWords));
    }

    /// <summary>The first word of all bitsets; a record's offsets count from here.</summary>
    public ref ulong Bits => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bits), _bitsStart);

    private static void ThrowClass(int packetClass) =>
        throw new InvalidOperationException($"Packet class {packetClass} does not exist; the classifier was built inconsistently.");
}
