using System.Numerics;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Compiles one partition of one address family's entries into a binary decision tree by HyperSplit's heuristics,
/// packed three levels to a <see cref="SplitBlock{T}"/>, for a <see cref="DecisionForest{T, TRule}"/>.
/// </summary>
/// <remarks>
/// <para>
/// HyperSplit is from Y. Qi, L. Xu, B. Yang, Y. Xue and J. Li, "Packet Classification Algorithms: From Theory to
/// Practice", IEEE INFOCOM 2009. A node's entries, clipped to the node's region, cut each field into segments at
/// their ends; a segment's weight is the number of entries covering it. The node splits the field with the fewest
/// entries per segment on average (the field that tells entries apart best), at the point where the cumulative
/// weight reaches half the total ("weighted segment balance"), so both halves carry about the same work. A node
/// with at most <see cref="LeafSize"/> entries becomes a leaf, searched linearly in precedence order. (Choosing the
/// field by the balance of the resulting halves instead was tried: deeper trees and more memory on both rule-set
/// styles of the benchmark.)
/// </para>
/// <para>
/// Classic decision-tree refinements keep the tree small (HiCuts, P. Gupta and N. McKeown, "Packet Classification
/// using Hierarchical Intelligent Cuttings", Hot Interconnects 1999): entries after the first one that covers the
/// whole region can never be the first match inside it and are dropped, which also ends the recursion wherever the
/// catch-all defaults are reached; in small nodes, every entry that one earlier entry covers within the region is
/// dropped too; and leaves with the same entries share storage.
/// </para>
/// <para>
/// A tree's size depends on the rule set, unlike a field decomposition's bounded tables, so growth is capped: beyond
/// <see cref="MaxDepth"/> levels, or once the leaves hold <see cref="LeafRuleBudgetPerEntry"/> rules per entry (plus
/// <see cref="LeafRuleBudgetBase"/>), nodes stop splitting and become longer leaves. Lookups then stay correct, only
/// slower, on a pathological list.
/// </para>
/// </remarks>
internal sealed class DecisionTreeBuilder<T, TRule>
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
    where TRule : unmanaged, ILeafRule<TRule, T>
{
    /// <summary>
    /// Entries a leaf may hold before its node is split. Measured on the benchmark's rule sets: 8 beat 4, 6, 12 and
    /// 16; smaller leaves make the walk deeper, larger ones the scan longer.
    /// </summary>
    public const int LeafSize = 8;

    /// <summary>Nodes of at most this many entries are cleared of entries shadowed inside their region (quadratic).</summary>
    public const int ShadowCheckLimit = 32;

    /// <summary>Binary levels at most: 21 split blocks, a bound on the per-packet walk whatever the rule set.</summary>
    public const int MaxDepth = 63;

    /// <summary>
    /// With <see cref="LeafRuleBudgetBase"/>, bounds the copies of broad entries into many leaves, so memory stays
    /// under about 32 × 64 bytes per IPv4 entry plus 4 MB. The benchmark's 10,000-entry lists need under 5 per entry;
    /// the unit tests' random lists, crowded into a few /24s, up to 33 in a few thousand (within the base).
    /// </summary>
    public const int LeafRuleBudgetPerEntry = 32;

    public const int LeafRuleBudgetBase = 1 << 16;

    private readonly T[][] _lows = new T[TreeDimension.Count][];
    private readonly T[][] _highs = new T[TreeDimension.Count][];
    private readonly T[] _dimensionMax;
    private readonly int[] _reported;
    private readonly List<Split> _splits = [];
    private readonly List<TRule> _leafRules = [];
    private readonly Dictionary<int[], int> _leaves = new(ContentComparer.Instance);
    private readonly int _maxDepth;
    private readonly int _leafRuleBudget;
    private T[] _points;
    private int[] _deltas;
    private T[] _bestPoints;
    private int[] _bestDeltas;

    private DecisionTreeBuilder(IReadOnlyList<PolicyEntry> entries, int[] reportedIndexes, T addressMax, int maxDepth, int? leafRuleBudget)
    {
        _dimensionMax = new T[TreeDimension.Count];
        _dimensionMax[TreeDimension.Protocol] = T.CreateTruncating(byte.MaxValue);
        _dimensionMax[TreeDimension.Source] = addressMax;
        _dimensionMax[TreeDimension.Destination] = addressMax;
        _dimensionMax[TreeDimension.SourcePort] = T.CreateTruncating(ushort.MaxValue);
        _dimensionMax[TreeDimension.DestinationPort] = T.CreateTruncating(ushort.MaxValue);
        for (var d = 0; d < TreeDimension.Count; d++)
        {
            _lows[d] = new T[entries.Count];
            _highs[d] = new T[entries.Count];
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            Set(i, TreeDimension.Protocol, T.CreateTruncating(entry.ProtocolLow), T.CreateTruncating(entry.ProtocolHigh));
            Set(i, TreeDimension.Source, T.CreateTruncating(entry.Source.Network), T.CreateTruncating(entry.Source.Last));
            Set(i, TreeDimension.Destination, T.CreateTruncating(entry.Destination.Network), T.CreateTruncating(entry.Destination.Last));
            Set(i, TreeDimension.SourcePort, T.CreateTruncating(entry.SourcePortLow), T.CreateTruncating(entry.SourcePortHigh));
            Set(i, TreeDimension.DestinationPort, T.CreateTruncating(entry.DestinationPortLow), T.CreateTruncating(entry.DestinationPortHigh));
        }

        _reported = reportedIndexes;
        _maxDepth = maxDepth;
        _leafRuleBudget = leafRuleBudget ?? ((LeafRuleBudgetPerEntry * entries.Count) + LeafRuleBudgetBase);
        var buffer = (2 * entries.Count) + 1;
        (_points, _deltas, _bestPoints, _bestDeltas) = (new T[buffer], new int[buffer], new T[buffer], new int[buffer]);
    }

    /// <param name="entries">Entries of one family in precedence order.</param>
    /// <param name="reportedIndexes">For each entry, the index a match reports.</param>
    /// <param name="addressMax">The largest address of the family.</param>
    /// <param name="maxDepth">Binary levels at most (tests lower it to reach the fallback).</param>
    /// <param name="leafRuleBudget">Leaf rules at most before nodes stop splitting; null for the default.</param>
    public static BuiltTree<T, TRule> Build(
        IReadOnlyList<PolicyEntry> entries, int[] reportedIndexes, T addressMax, int maxDepth = MaxDepth, int? leafRuleBudget = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        var builder = new DecisionTreeBuilder<T, TRule>(entries, reportedIndexes, addressMax, maxDepth, leafRuleBudget);

        // An entry with an empty range (low above high) matches nothing; leaving it out keeps every width valid.
        var rules = Enumerable.Range(0, entries.Count).Where(builder.IsSatisfiable).ToArray();
        var low = new T[TreeDimension.Count];
        var high = (T[])builder._dimensionMax.Clone();
        var root = builder.Node(rules, rules.Length, low, high, depth: 0);
        return builder.Pack(root);
    }

    private void Set(int rule, int dimension, T low, T high)
    {
        _lows[dimension][rule] = low;
        _highs[dimension][rule] = high;
    }

    private bool IsSatisfiable(int rule)
    {
        for (var d = 0; d < TreeDimension.Count; d++)
        {
            if (_lows[d][rule] > _highs[d][rule])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Builds the subtree of the region [low, high] over <paramref name="rules"/> (ascending, all intersecting it).</summary>
    /// <returns>A split index (≥ 0) or a leaf code (the complement of its first leaf rule).</returns>
    private int Node(int[] rules, int count, T[] low, T[] high, int depth)
    {
        var covered = false;
        for (var i = 0; i < count; i++)
        {
            if (Covers(rules[i], low, high))
            {
                count = i + 1;
                covered = true;
                break;
            }
        }

        if (count <= ShadowCheckLimit)
        {
            count = RemoveShadowed(rules, count, low, high);
        }

        if (count <= LeafSize || depth >= _maxDepth || _leafRules.Count >= _leafRuleBudget
            || !TryChooseSplit(rules, count, low, high, out var dimension, out var point))
        {
            return Leaf(rules.AsSpan(0, count), covered);
        }

        var left = new int[count];
        var right = new int[count];
        int leftCount = 0, rightCount = 0;
        var lows = _lows[dimension];
        var highs = _highs[dimension];
        for (var i = 0; i < count; i++)
        {
            var rule = rules[i];
            if (lows[rule] < point)
            {
                left[leftCount++] = rule;
            }

            if (highs[rule] >= point)
            {
                right[rightCount++] = rule;
            }
        }

        var savedHigh = high[dimension];
        high[dimension] = point - T.One;
        var leftCode = Node(left, leftCount, low, high, depth + 1);
        high[dimension] = savedHigh;

        var savedLow = low[dimension];
        low[dimension] = point;
        var rightCode = Node(right, rightCount, low, high, depth + 1);
        low[dimension] = savedLow;

        _splits.Add(new Split(dimension, point, leftCode, rightCode));
        return _splits.Count - 1;
    }

    /// <summary>
    /// Drops every rule that, inside the region, an earlier rule of the node covers: it can never be the first
    /// match there. Quadratic, so only for small nodes, where it shortens leaves and saves splits (13 % fewer leaf
    /// rules on the benchmark's firewall list).
    /// </summary>
    private int RemoveShadowed(int[] rules, int count, T[] low, T[] high)
    {
        var kept = 0;
        for (var j = 0; j < count; j++)
        {
            var shadowed = false;
            for (var i = 0; i < kept && !shadowed; i++)
            {
                shadowed = CoversWithin(rules[i], rules[j], low, high);
            }

            if (!shadowed)
            {
                rules[kept++] = rules[j];
            }
        }

        return kept;
    }

    /// <summary>True when <paramref name="outer"/> contains the part of <paramref name="inner"/> inside the region.</summary>
    private bool CoversWithin(int outer, int inner, T[] low, T[] high)
    {
        for (var d = 0; d < TreeDimension.Count; d++)
        {
            if (_lows[d][outer] > T.Max(_lows[d][inner], low[d]) || _highs[d][outer] < T.Min(_highs[d][inner], high[d]))
            {
                return false;
            }
        }

        return true;
    }

    private bool Covers(int rule, T[] low, T[] high)
    {
        for (var d = 0; d < TreeDimension.Count; d++)
        {
            if (_lows[d][rule] > low[d] || _highs[d][rule] < high[d])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>HyperSplit's choice: the field with the fewest entries per segment, split at the weighted median.</summary>
    private bool TryChooseSplit(int[] rules, int count, T[] low, T[] high, out int dimension, out T point)
    {
        dimension = -1;
        long bestSegments = 0, bestWeight = 0;
        var bestEvents = 0;
        for (var d = 0; d < TreeDimension.Count; d++)
        {
            if (low[d] == high[d])
            {
                continue;
            }

            var events = CollectEvents(rules, count, d, low[d], high[d]);
            var (segments, weight) = Sweep(_points, _deltas, events, low[d]);
            if (segments < 2)
            {
                continue;
            }

            // weight / segments < bestWeight / bestSegments, without division.
            if (dimension < 0 || (weight * bestSegments) < (bestWeight * segments))
            {
                (dimension, bestSegments, bestWeight, bestEvents) = (d, segments, weight, events);
                (_points, _bestPoints) = (_bestPoints, _points);
                (_deltas, _bestDeltas) = (_bestDeltas, _deltas);
            }
        }

        point = dimension < 0 ? T.Zero : WeightedMedian(_bestPoints, _bestDeltas, bestEvents, low[dimension], bestWeight);
        return dimension >= 0;
    }

    /// <summary>
    /// Writes, sorted, where each rule's range clipped to [low, high] starts (+1) and where it ends (−1, at the
    /// value after its end, when that is inside the region).
    /// </summary>
    private int CollectEvents(int[] rules, int count, int dimension, T low, T high)
    {
        var lows = _lows[dimension];
        var highs = _highs[dimension];
        var events = 0;
        for (var i = 0; i < count; i++)
        {
            var rule = rules[i];
            _points[events] = T.Max(lows[rule], low);
            _deltas[events++] = 1;
            if (highs[rule] < high)
            {
                _points[events] = highs[rule] + T.One;
                _deltas[events++] = -1;
            }
        }

        Array.Sort(_points, _deltas, 0, events);
        return events;
    }

    /// <summary>The number of segments of the region and the sum of their weights.</summary>
    private static (long Segments, long Weight) Sweep(T[] points, int[] deltas, int events, T low)
    {
        var next = 0;
        var active = 0;
        while (next < events && points[next] == low)
        {
            active += deltas[next++];
        }

        long segments = 1, weight = 0;
        while (next < events)
        {
            var boundary = points[next];
            weight += active;
            while (next < events && points[next] == boundary)
            {
                active += deltas[next++];
            }

            segments++;
        }

        return (segments, weight + active);
    }

    /// <summary>The first segment boundary at which the weight to its left reaches half the total.</summary>
    private static T WeightedMedian(T[] points, int[] deltas, int events, T low, long totalWeight)
    {
        var next = 0;
        var active = 0;
        while (next < events && points[next] == low)
        {
            active += deltas[next++];
        }

        long cumulative = 0;
        var boundary = low;
        while (next < events)
        {
            boundary = points[next];
            cumulative += active;
            if (cumulative * 2 >= totalWeight)
            {
                return boundary;
            }

            while (next < events && points[next] == boundary)
            {
                active += deltas[next++];
            }
        }

        // Only the last segment tipped the balance: split off the last segment, the smallest step that divides.
        return boundary;
    }

    private int Leaf(ReadOnlySpan<int> rules, bool covered)
    {
        // A leaf whose last rule does not cover its region ends with a rule matching everything and reporting none,
        // so that the lookup's scan needs no length: it always stops on a match.
        int[] key = covered ? rules.ToArray() : [.. rules, -1];
        if (_leaves.TryGetValue(key, out var existing))
        {
            return ~existing;
        }

        var first = _leafRules.Count;
        Span<T> low = stackalloc T[TreeDimension.Count];
        Span<T> high = stackalloc T[TreeDimension.Count];
        foreach (var rule in key)
        {
            for (var d = 0; d < TreeDimension.Count; d++)
            {
                low[d] = rule < 0 ? T.Zero : _lows[d][rule];
                high[d] = rule < 0 ? _dimensionMax[d] : _highs[d][rule];
            }

            _leafRules.Add(TRule.Create(low, high, rule < 0 ? int.MaxValue : _reported[rule]));
        }

        _leaves.Add(key, first);
        return ~first;
    }

    private BuiltTree<T, TRule> Pack(int root)
    {
        var blocks = new List<SplitBlock<T>>();
        var packedRoot = PackBlock(blocks, root);
        return new BuiltTree<T, TRule>([.. blocks], [.. _leafRules], packedRoot, _splits.Count, _reported.Length == 0 ? int.MaxValue : _reported.Min());
    }

    /// <returns>The index of the block holding the split <paramref name="code"/> and the two levels below it, or the leaf code.</returns>
    private int PackBlock(List<SplitBlock<T>> blocks, int code)
    {
        if (code < 0)
        {
            return code;
        }

        var index = blocks.Count;
        blocks.Add(default);
        var block = default(SplitBlock<T>);
        var dimensions = 0u;
        Fill(blocks, ref block, ref dimensions, 0, code);
        block.Slots[SplitBlock<T>.DimensionsSlot] = T.CreateTruncating(dimensions);
        blocks[index] = block;
        return index;
    }

    private void Fill(List<SplitBlock<T>> blocks, ref SplitBlock<T> block, ref uint dimensions, int position, int code)
    {
        if (position >= SplitBlock<T>.SplitsPerBlock)
        {
            block.Subtrees[position - SplitBlock<T>.SplitsPerBlock] = PackBlock(blocks, code);
            return;
        }

        if (code < 0)
        {
            // Padding: threshold zero sends every value right, and both sides lead to the same leaf anyway.
            block.Slots[position] = T.Zero;
            Fill(blocks, ref block, ref dimensions, (2 * position) + 1, code);
            Fill(blocks, ref block, ref dimensions, (2 * position) + 2, code);
            return;
        }

        var split = _splits[code];
        block.Slots[position] = split.Point;
        dimensions |= (uint)split.Dimension << (SplitBlock<T>.DimensionBits * position);
        Fill(blocks, ref block, ref dimensions, (2 * position) + 1, split.Left);
        Fill(blocks, ref block, ref dimensions, (2 * position) + 2, split.Right);
    }

    /// <summary>A binary split: values below <paramref name="Point"/> go left.</summary>
    private readonly record struct Split(int Dimension, T Point, int Left, int Right);

    /// <summary>Compares rule lists by content, so that leaves with the same rules share storage.</summary>
    private sealed class ContentComparer : IEqualityComparer<int[]>
    {
        public static ContentComparer Instance { get; } = new();

        public bool Equals(int[]? x, int[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(int[] obj)
        {
            var hash = new HashCode();
            hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
            return hash.ToHashCode();
        }
    }
}
