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
    /// <summary>
    /// The automaton as one table of rows, a row per state: <c>_columns</c> transitions holding the target row's
    /// offset (so a step is one load and one add), then the offset of the state's rule mask in <see cref="_masks"/>
    /// (-1 for states that end no literal).
    /// </summary>
    private readonly int[] _table;
    private readonly ulong[] _masks;

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

        var width = columns + 1;
        _table = new int[trie.Count * width];
        var masks = new List<ulong>();
        for (var state = 0; state < trie.Count; state++)
        {
            var row = state * width;
            for (var column = 0; column < columns; column++)
            {
                _table[row + column] = trie[state][column] * width;
            }

            if (outputs[state].Count == 0)
            {
                _table[row + columns] = -1;
                continue;
            }

            _table[row + columns] = masks.Count;
            var mask = new ulong[Words];
            foreach (var rule in outputs[state])
            {
                mask[rule >> 6] |= 1UL << (rule & 63);
            }

            masks.AddRange(mask);
        }

        StateCount = trie.Count;
        _masks = [.. masks];
    }

    public int RuleCount { get; }

    /// <summary>ulongs per scan result.</summary>
    public int Words { get; }

    public int StateCount { get; }

    /// <summary>Sets bit r of <paramref name="possible"/> for every rule r one of whose literals occurs in <paramref name="value"/>.</summary>
    public void Scan(ReadOnlySpan<char> value, Span<ulong> possible)
    {
        var table = _table;
        var masks = _masks;
        var columns = _columns;
        var row = 0;
        foreach (var c in value)
        {
            row = table[row + (c < 256 ? _columnOf[c] : 0)];
            var mask = table[row + columns];
            if (mask >= 0)
            {
                for (var w = 0; w < possible.Length; w++)
                {
                    possible[w] |= masks[mask + w];
                }
            }
        }
    }
}
