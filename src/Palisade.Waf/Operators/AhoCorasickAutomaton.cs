using System.Buffers;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Operators;

/// <summary>
/// Multi-phrase search after Aho &amp; Corasick, "Efficient string matching: an aid to bibliographic search" (CACM
/// 18(6), 1975): a trie of the phrases with failure links, flattened into a complete transition table (a DFA) so each
/// input byte costs one table lookup. ASCII letters are folded as ModSecurity's @pm does (tolower in the "C" locale);
/// bytes that occur in no phrase share one column of the table, and while in the start state the scan jumps ahead
/// with a vectorised search for bytes that can begin a phrase.
/// </summary>
internal sealed class AhoCorasickAutomaton
{
    private readonly byte[] _columnOf = new byte[256];
    private readonly int _columns;
    private readonly int[] _next;
    private readonly int[] _output;
    private readonly SearchValues<char> _startChars;

    public AhoCorasickAutomaton(IReadOnlyList<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        Phrases = phrases;

        // Column 0 is every byte no phrase contains.
        var columns = 1;
        foreach (var phrase in phrases)
        {
            foreach (var c in phrase)
            {
                var folded = Fold(c);
                if (folded < 256 && _columnOf[folded] == 0)
                {
                    _columnOf[folded] = (byte)columns++;
                }
            }
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            _columnOf[c] = _columnOf[c | 0x20];
        }

        _columns = columns;

        // The trie, as growing lists of (column -> state) rows.
        var trie = new List<int[]> { NewRow(columns) };
        var terminal = new List<int> { -1 };
        for (var p = 0; p < phrases.Count; p++)
        {
            var phrase = phrases[p];
            if (phrase.Length == 0 || phrase.AsSpan().ContainsAnyExcept(CharacterSets.Bytes))
            {
                continue;
            }

            var state = 0;
            foreach (var c in phrase)
            {
                var column = _columnOf[Fold(c)];
                if (trie[state][column] < 0)
                {
                    trie[state][column] = trie.Count;
                    trie.Add(NewRow(columns));
                    terminal.Add(-1);
                }

                state = trie[state][column];
            }

            if (terminal[state] < 0)
            {
                terminal[state] = p;
            }
        }

        // Breadth-first: failure links, the complete transition table, and per state the longest phrase ending there.
        var count = trie.Count;
        _next = new int[count * columns];
        _output = new int[count];
        var fail = new int[count];
        var queue = new Queue<int>();
        for (var column = 0; column < columns; column++)
        {
            var child = trie[0][column];
            if (child > 0)
            {
                fail[child] = 0;
                _next[column] = child;
                queue.Enqueue(child);
            }
        }

        _output[0] = -1;
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            _output[state] = terminal[state] >= 0 ? terminal[state] : _output[fail[state]];
            for (var column = 0; column < columns; column++)
            {
                var child = trie[state][column];
                if (child > 0)
                {
                    fail[child] = _next[(fail[state] * columns) + column];
                    _next[(state * columns) + column] = child;
                    queue.Enqueue(child);
                }
                else
                {
                    _next[(state * columns) + column] = _next[(fail[state] * columns) + column];
                }
            }
        }

        var starts = new List<char>();
        for (var c = 0; c < 256; c++)
        {
            var column = _columnOf[c];
            if (column != 0 && trie[0][column] > 0)
            {
                starts.Add((char)c);
            }
        }

        _startChars = SearchValues.Create(starts.ToArray());
        StateCount = count;
    }

    public IReadOnlyList<string> Phrases { get; }

    public int StateCount { get; }

    /// <summary>
    /// Finds the phrase whose end comes first in the input (the longest one when several end at the same place, as
    /// ModSecurity's ACMP reports). Returns its index in <see cref="Phrases"/>, or -1.
    /// </summary>
    public int FindFirst(ReadOnlySpan<char> input)
    {
        var next = _next;
        var output = _output;
        var columnOf = _columnOf;
        var columns = _columns;
        var state = 0;
        var i = 0;
        while (i < input.Length)
        {
            if (state == 0)
            {
                var skip = input[i..].IndexOfAny(_startChars);
                if (skip < 0)
                {
                    return -1;
                }

                i += skip;
            }

            var c = input[i];
            state = next[(state * columns) + (c < 256 ? columnOf[c] : 0)];
            var found = output[state];
            if (found >= 0)
            {
                return found;
            }

            i++;
        }

        return -1;
    }

    private static int[] NewRow(int columns)
    {
        var row = new int[columns];
        Array.Fill(row, -1);
        return row;
    }

    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;
}
