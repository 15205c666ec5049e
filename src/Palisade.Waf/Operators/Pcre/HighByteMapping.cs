using Palisade.Waf.Transformations;

namespace Palisade.Waf.Operators.Pcre;

/// <summary>
/// Why regexes see bytes 0x80–0xFF as U+2580–U+25FF: ModSecurity runs PCRE on raw bytes (no UTF mode, "C" locale
/// tables), where a byte above 127 is never a letter, digit, space or word character and has no case. .NET treats
/// 'é' (0xE9) as a letter: \b, \w and (?i) would behave differently on UTF-8 input. Moving those bytes into the Block
/// Elements and Geometric Shapes blocks (symbols: no case, not word characters, not whitespace) gives .NET exactly
/// PCRE's byte semantics. Patterns are translated with the same shift; input is shifted only when it holds such
/// bytes (rare), in a pooled buffer, and positions do not move, so captures are cut from the original input.
/// </summary>
internal static class HighByteMapping
{
    /// <summary>Byte b (0x80–0xFF) is matched as the char Offset + b.</summary>
    public const int Offset = 0x2500;

    public static bool NeedsMapping(ReadOnlySpan<char> input) => input.ContainsAny(CharacterSets.HighBytes);

    public static void Map(ReadOnlySpan<char> input, Span<char> destination)
    {
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            destination[i] = c is >= '\u0080' and <= '\u00FF' ? (char)(c + Offset) : c;
        }
    }

    public static string Map(string input) => string.Create(input.Length, input, static (span, source) => Map(source, span));
}
