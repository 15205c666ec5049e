namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Field decomposition for <see cref="BitVectorClassifier"/>: a field's value space cut into elementary intervals
/// (no entry's range starts or ends inside one), and for each interval the set of entries whose range covers it,
/// as a bitset in precedence order.
/// </summary>
/// <remarks>
/// A bitset's entry words are padded to whole blocks of <see cref="BlockWords"/> (512 entries, one 64-byte cache
/// line), so that the scan reads one line per field per block. Each set also has aggregate words: bit b is set when
/// block b has any entry (the Aggregated Bit Vector of Baboescu &amp; Varghese, "Scalable Packet Classification",
/// SIGCOMM 2001, with a cache line per aggregate bit instead of a word, since a line costs what a word costs to
/// fetch). Identical bitsets are stored once (<see cref="BitsetPool"/>), which bounds memory by the number of
/// distinct entry sets rather than by the number of intervals.
/// </remarks>
internal static class FieldBitsets
{
    /// <summary>Entry words per aggregate bit: one cache line.</summary>
    public const int BlockWords = 8;

    /// <summary>Entries per aggregate bit.</summary>
    public const int BlockEntries = BlockWords * 64;

    /// <summary>Entry words per set for <paramref name="entryCount"/> entries: whole blocks, at least one.</summary>
    public static int WordsFor(int entryCount) =>
        Math.Max(1, (entryCount + BlockEntries - 1) / BlockEntries) * BlockWords;

    public static int AggregateWordsFor(int words) => ((words / BlockWords) + 63) / 64;

    /// <summary>The first value of every elementary interval of the given ranges, ascending, starting with 0.</summary>
    public static UInt128[] ElementaryStarts(ReadOnlySpan<UInt128> lows, ReadOnlySpan<UInt128> highs, UInt128 keyMax)
    {
        var starts = new List<UInt128>((lows.Length * 2) + 1) { UInt128.Zero };
        for (var i = 0; i < lows.Length; i++)
        {
            starts.Add(lows[i]);
            if (highs[i] < keyMax)
            {
                starts.Add(highs[i] + 1);
            }
        }

        starts.Sort();
        var distinct = new List<UInt128>(starts.Count);
        foreach (var start in starts)
        {
            if (distinct.Count == 0 || distinct[^1] != start)
            {
                distinct.Add(start);
            }
        }

        return [.. distinct];
    }

    /// <summary>
    /// Sweeps the intervals once: entries enter the current set at their low end and leave it after their high end,
    /// and each interval gets the id of the current set in <paramref name="pool"/>. Every range boundary must be one
    /// of <paramref name="starts"/>. Cost O(n log n + intervals where the set changes × words).
    /// </summary>
    /// <returns>For each interval of <paramref name="starts"/>, the id of its set.</returns>
    public static int[] SetPerInterval(
        BitsetPool pool, ReadOnlySpan<UInt128> lows, ReadOnlySpan<UInt128> highs, UInt128 keyMax, UInt128[] starts)
    {
        var count = lows.Length;
        var points = new List<UInt128>(count * 2);
        var events = new List<int>(count * 2);
        for (var i = 0; i < count; i++)
        {
            points.Add(lows[i]);
            events.Add(i);
            if (highs[i] < keyMax)
            {
                points.Add(highs[i] + 1);
                events.Add(~i);
            }
        }

        // Entry i enters at its low end (i) and leaves after its high end (~i).
        var pointArray = points.ToArray();
        var eventArray = events.ToArray();
        Array.Sort(pointArray, eventArray);

        var current = new ulong[pool.Words];
        var setIds = new int[starts.Length];
        var next = 0;
        var currentId = -1;
        for (var interval = 0; interval < starts.Length; interval++)
        {
            var changed = currentId < 0;
            while (next < pointArray.Length && pointArray[next] == starts[interval])
            {
                var entry = eventArray[next++];
                if (entry >= 0)
                {
                    current[entry >> 6] |= 1UL << (entry & 63);
                }
                else
                {
                    current[~entry >> 6] &= ~(1UL << (~entry & 63));
                }

                changed = true;
            }

            if (changed)
            {
                currentId = pool.Intern(current);
            }

            setIds[interval] = currentId;
        }

        if (next != pointArray.Length)
        {
            throw new InvalidOperationException("A range boundary is missing from the elementary intervals.");
        }

        return setIds;
    }
}
