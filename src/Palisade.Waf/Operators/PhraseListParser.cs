using System.Text;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Operators;

/// <summary>
/// Reads @pm's argument and @pmFromFile's data files into phrases, with ModSecurity's rules (libmodsecurity v3
/// pm.cc parse_pm_content and pm_from_file.cc).
/// </summary>
internal static class PhraseListParser
{
    /// <summary>
    /// @pm: whitespace-separated phrases. Surrounding double quotes are dropped; |41 42| writes bytes in hex (Snort
    /// style) and \: \; \\ \" escape those characters. An unsupported escape makes ModSecurity fall back to the raw
    /// argument split on whitespace, and so do we.
    /// </summary>
    /// <remarks>
    /// ModSecurity decodes |hex| before splitting, so |20| separates phrases there; here a hex-written byte is always
    /// part of its phrase, which is what the Snort syntax means. (ModSecurity's check for hex digits also compares
    /// against the numbers 0–9 instead of the characters '0'–'9'; we accept real hex digits.)
    /// </remarks>
    public static List<string> ParseArgument(string argument)
    {
        var content = argument.AsSpan().TrimStart(" \t");
        if (content.Length >= 2 && content[0] == '"' && content[^1] == '"')
        {
            content = content[1..^1];
        }

        return TryDecode(content, out var phrases) ? phrases : SplitOnWhitespace(argument);
    }

    /// <summary>
    /// @pmFromFile: one phrase per line, kept as written (leading spaces matter: CRS has " in query expression");
    /// a trailing \r is dropped, and blank lines and lines whose first non-blank character is '#' are skipped.
    /// </summary>
    public static IEnumerable<string> ParseDataFile(string text)
    {
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
            var trimmed = line.AsSpan().TrimStart();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            yield return line;
        }
    }

    private static bool TryDecode(ReadOnlySpan<char> content, out List<string> phrases)
    {
        phrases = [];
        var current = new StringBuilder();
        var inHex = false;
        var pendingNibble = -1;
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '|')
            {
                inHex = !inHex;
                pendingNibble = -1;
                continue;
            }

            if (inHex)
            {
                if (char.IsAsciiHexDigit(c))
                {
                    var nibble = CType.HexDigitValue(c);
                    if (pendingNibble < 0)
                    {
                        pendingNibble = nibble;
                    }
                    else
                    {
                        current.Append((char)((pendingNibble << 4) | nibble));
                        pendingNibble = -1;
                    }
                }

                continue;
            }

            if (c == '\\')
            {
                if (i + 1 < content.Length && content[i + 1] is ':' or ';' or '\\' or '"')
                {
                    current.Append(content[++i]);
                    continue;
                }

                return false;
            }

            if (CType.IsSpace(c))
            {
                Flush(current, phrases);
                continue;
            }

            current.Append(c);
        }

        Flush(current, phrases);
        return true;
    }

    private static List<string> SplitOnWhitespace(string argument) =>
        [.. argument.Split([' ', '\t', '\n', '\v', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries)];

    private static void Flush(StringBuilder current, List<string> phrases)
    {
        if (current.Length > 0)
        {
            phrases.Add(current.ToString());
            current.Clear();
        }
    }
}
