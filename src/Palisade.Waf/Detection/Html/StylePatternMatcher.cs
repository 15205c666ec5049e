using System.Runtime.CompilerServices;

namespace Palisade.Waf.Detection.Html;

/// <summary>
/// Finds the CSS constructs that run or load script in a stream of normalised (lower-case, whitespace-free)
/// characters, keeping only the last few characters: no allocation whatever the value's length.
/// </summary>
internal struct StylePatternMatcher
{
    private static readonly string[] Patterns =
    [
        "expression(", "javascript:", "vbscript:", "livescript:", "url(javascript", "url(vbscript", "behavior:",
        "behaviour:", "-moz-binding", "@import",
    ];

    private const int Capacity = 32;
    private const int Keep = 12;

    private Buffer _buffer;
    private int _count;

    /// <summary>Adds one character; true when the characters so far end with a dangerous construct.</summary>
    public bool Feed(char c)
    {
        if (_count == Capacity)
        {
            Span<char> all = _buffer;
            all[(Capacity - Keep)..].CopyTo(all);
            _count = Keep;
        }

        _buffer[_count++] = c;
        ReadOnlySpan<char> seen = ((Span<char>)_buffer)[.._count];
        foreach (var pattern in Patterns)
        {
            if (seen.EndsWith(pattern, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [InlineArray(Capacity)]
    private struct Buffer
    {
        private char _first;
    }
}
