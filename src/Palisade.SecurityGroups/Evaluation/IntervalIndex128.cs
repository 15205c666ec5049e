namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Finds the elementary interval of an IPv6 address: the top bits index a bucket table that narrows a binary search
/// over the interval starts to the intervals of that bucket. (IPv4 and ports use <see cref="StrideTrie32"/>; a
/// 128-bit trie would need up to 15 levels on host routes, and IPv6 rule sets are small.)
/// </summary>
internal sealed class IntervalIndex128
{
    private const int MaxBucketBits = 16;

    private readonly UInt128[] _starts;
    private readonly int[] _values;
    private readonly int[] _bucketFirst;
    private readonly int _shift;

    public IntervalIndex128(UInt128[] starts, int[] values)
    {
        _starts = starts;
        _values = values;
        var bucketBits = Math.Clamp(64 - (int)ulong.LeadingZeroCount((ulong)starts.Length) + 3, 1, MaxBucketBits);
        _shift = 128 - bucketBits;
        _bucketFirst = new int[(1 << bucketBits) + 1];
        for (var bucket = 0; bucket < _bucketFirst.Length - 1; bucket++)
        {
            _bucketFirst[bucket] = IntervalOf((UInt128)(uint)bucket << _shift, 0, _starts.Length - 1);
        }

        _bucketFirst[^1] = _starts.Length - 1;
    }

    public long MemoryBytes => (_starts.Length * 16L) + (_values.Length * 4L) + (_bucketFirst.Length * 4L);

    public int Find(UInt128 key)
    {
        var bucket = (int)(key >> _shift);
        return _values[IntervalOf(key, _bucketFirst[bucket], _bucketFirst[bucket + 1])];
    }

    /// <summary>The last interval in [lo, hi] starting at or before <paramref name="key"/>.</summary>
    private int IntervalOf(UInt128 key, int lo, int hi)
    {
        var starts = _starts;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= key)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
