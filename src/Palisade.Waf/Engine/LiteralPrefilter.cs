namespace Palisade.Waf.Engine;

/// <summary>
/// One Aho–Corasick automaton (Aho &amp; Corasick, CACM 1975) over the required literals of every prefiltered regex
/// rule (see <see cref="RegexLiteralAnalyzer"/>). Scanning a value once gives the set of rules whose regex could
/// match it; the others are skipped without running their regex. ASCII letters are folded. Immutable, thread-safe.
/// </summary>
internal sealed class LiteralPrefilter
{
    private readonly int[] _columnOf = new int[256];
    private readonly int _columns;
    private readonly int[] _next;
    private readonly int[][] _outputs;

    /// <summary>Per state, the offset of its rule mask in <see cref="_masks"/> when it has many outputs; -1 otherwise.</summary>
    private readonly int[] _maskOffset;
    private readonly ulong[] _masks;

    /// <summary>States with at least this many rules OR a whole mask (Words ulongs) instead of setting bits one by one.</summary>
    private const int MaskThreshold = 4;

    public LiteralPrefilter(IReadOnlyList<IReadOnlyCollection<string>> literalsByRule)
    {
        RuleCount = literalsByRule.Count;
        Words = (RuleCount + 63) / 64;
        var columns = 1;
        foreach (var literals in literalsByRule)
        {
            foreach (var literal in literals)
            {
                foreach (var c in literal)
                {
                    if (_columnOf[c] == 0)
                    {
                        _columnOf[c] = columns++;
                    }
                }
            }
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            _columnOf[c] = _columnOf[c | 0x20];
        }

        _columns = columns;
        var trie = new List<int[]> { new int[columns] };
        var outputs = new List<HashSet<int>> { new() };
        for (var rule = 0; rule < literalsByRule.Count; rule++)
        {
            foreach (var literal in literalsByRule[rule])
            {
                var state = 0;
                foreach (var c in literal)
                {
                    var column = _columnOf[c];
                    var next = trie[state][column];
                    if (next == 0)
                    {
                        next = trie.Count;
                        trie.Add(new int[columns]);
                        outputs.Add([]);
                        trie[state][column] = next;
                    }

                    state = next;
                }

                outputs[state].Add(rule);
            }
        }

        // Breadth-first: failure links, completed transitions and outputs inherited along failure links.
        var failure = new int[trie.Count];
        var queue = new Queue<int>();
        for (var column = 1; column < columns; column++)
        {
            if (trie[0][column] != 0)
            {
                queue.Enqueue(trie[0][column]);
            }
        }

        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            outputs[state].UnionWith(outputs[failure[state]]);
            for (var column = 1; column < columns; column++)
            {
                var child = trie[state][column];
                if (child != 0)
                {
                    failure[child] = trie[failure[state]][column];
                    queue.Enqueue(child);
                }
                else
                {
                    trie[state][column] = trie[failure[state]][column];
                }
            }
        }

        _next = new int[trie.Count * columns];
        _outputs = new int[trie.Count][];
        for (var state = 0; state < trie.Count; state++)
        {
            trie[state].CopyTo(_next, state * columns);
            _outputs[state] = outputs[state].Count == 0 ? [] : [.. outputs[state]];
        }

        StateCount = trie.Count;
        _maskOffset = new int[trie.Count];
        var masks = new List<ulong>();
        for (var state = 0; state < trie.Count; state++)
        {
            if (_outputs[state].Length < MaskThreshold)
            {
                _maskOffset[state] = -1;
                continue;
            }

            _maskOffset[state] = masks.Count;
            var mask = new ulong[Words];
            foreach (var rule in _outputs[state])
            {
                mask[rule >> 6] |= 1UL << (rule & 63);
            }

            masks.AddRange(mask);
        }

        _masks = [.. masks];
    }

    public int RuleCount { get; }

    /// <summary>ulongs per scan result.</summary>
    public int Words { get; }

    public int StateCount { get; }

    /// <summary>Sets bit r of <paramref name="possible"/> for every rule r one of whose literals occurs in <paramref name="value"/>.</summary>
    public void Scan(ReadOnlySpan<char> value, Span<ulong> possible)
    {
        var state = 0;
        var next = _next;
        var columns = _columns;
        foreach (var c in value)
        {
            var column = c < 256 ? _columnOf[c] : 0;
            state = next[(state * columns) + column];
            var maskOffset = _maskOffset[state];
            if (maskOffset >= 0)
            {
                var mask = _masks.AsSpan(maskOffset, possible.Length);
                for (var w = 0; w < mask.Length; w++)
                {
                    possible[w] |= mask[w];
                }

                continue;
            }

            var outputs = _outputs[state];
            for (var i = 0; i < outputs.Length; i++)
            {
                var rule = outputs[i];
                possible[rule >> 6] |= 1UL << (rule & 63);
            }
        }
    }
}
