namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Maps a field value of at most 32 bits (protocol, port, IPv4 address) to the value of its elementary interval
/// with a few table reads and no comparisons: a multibit trie whose first level consumes 8 or 16 bits and every
/// further level 8, descending only where an interval boundary falls inside the slot.
/// </summary>
/// <remarks>
/// The layout follows the DIR-24-8 family of route lookup tables (Gupta, Lin &amp; McKeown, "Routing Lookups in
/// Hardware at Memory Access Speeds", INFOCOM 1998), here over elementary intervals rather than prefixes, so it
/// serves arbitrary ranges as well. A binary search over the interval starts costs a mispredicted branch per step;
/// with realistic address skew one /16 can hold thousands of intervals, which made the search the slowest part of a
/// lookup. A slot holds either an interval value (≥ 0) or the bitwise complement of the start of its child table.
/// </remarks>
internal sealed class StrideTrie32
{
    private const int ChildStride = 8;
    private const int ChildSize = 1 << ChildStride;

    private readonly int[] _slots;
    private readonly int _firstShift;

    /// <param name="starts">First key of each interval, ascending, the first being 0.</param>
    /// <param name="values">The value of each interval (non-negative).</param>
    /// <param name="keyBits">8, 16 or 32.</param>
    public StrideTrie32(ReadOnlySpan<uint> starts, ReadOnlySpan<int> values, int keyBits)
    {
        var firstStride = keyBits <= 8 ? keyBits : starts.Length > 256 ? 16 : 8;
        _firstShift = keyBits - firstStride;
        var slots = new List<int>(1 << firstStride);
        var interval = 0;
        Fill(slots, starts, values, 0, firstStride, _firstShift, 0, ref interval);
        _slots = [.. slots];
    }

    public long MemoryBytes => _slots.Length * 4L;

    public int Find(uint key)
    {
        var shift = _firstShift;
        var slots = _slots;
        var slot = slots[(int)(key >> shift)];
        while (slot < 0)
        {
            shift -= ChildStride;
            slot = slots[~slot + (int)((key >> shift) & (ChildSize - 1))];
        }

        return slot;
    }

    /// <summary>
    /// Fills the table starting at <paramref name="at"/>, whose slots cover consecutive key ranges of 2^shift keys
    /// from <paramref name="firstKey"/>. <paramref name="interval"/> walks the intervals in step with the slots.
    /// </summary>
    private static void Fill(
        List<int> slots, ReadOnlySpan<uint> starts, ReadOnlySpan<int> values, int at, int stride, int shift, ulong firstKey, ref int interval)
    {
        var size = 1 << stride;
        for (var i = 0; i < size; i++)
        {
            slots.Add(0);
        }

        for (var i = 0; i < size; i++)
        {
            var low = firstKey + ((ulong)i << shift);
            var high = low + (1UL << shift) - 1;
            while (interval + 1 < starts.Length && starts[interval + 1] <= low)
            {
                interval++;
            }

            if (interval + 1 == starts.Length || starts[interval + 1] > high)
            {
                slots[at + i] = values[interval];
                continue;
            }

            // A boundary falls inside this slot: descend one level. The child walks its own copy of the cursor;
            // the next slot starts after every boundary the child saw, which the while loop above catches up on.
            var child = slots.Count;
            slots[at + i] = ~child;
            var childInterval = interval;
            Fill(slots, starts, values, child, ChildStride, shift - ChildStride, low, ref childInterval);
        }
    }
}
