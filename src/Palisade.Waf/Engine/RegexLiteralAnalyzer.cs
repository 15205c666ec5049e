using System.Globalization;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Engine;

/// <summary>
/// Finds, for a PCRE pattern of the RE2-compatible kind CRS uses, a set of literal strings at least one of which
/// every match must contain (ASCII letters folded to lower case). The engine scans a value once for the literals of
/// all rules and runs a rule's regex only when one of its literals is present — most values cannot match most CRS
/// patterns. The idea is RE2's "prefilter" and Hyperscan's literal decomposition (Wang et al., NSDI 2019); the
/// analysis here is our own and deliberately conservative: whatever it does not understand counts as "any text",
/// which only makes the filter weaker, never wrong.
/// </summary>
internal static class RegexLiteralAnalyzer
{
    private const int MaxExactStrings = 64;
    private const int MaxExactLength = 32;
    private const int MaxRequiredStrings = 4096;
    private const int MaxClassSize = 10;

    /// <summary>The literals, or null when the pattern has no usable requirement.</summary>
    public static IReadOnlyCollection<string>? RequiredLiterals(string pattern)
    {
        try
        {
            var parser = new Parser(pattern);
            var info = parser.ParseAlternation();
            if (parser.Position != pattern.Length)
            {
                return null;
            }

            var required = Effective(info);
            if (required is null || required.Count == 0 || required.Contains(""))
            {
                return null;
            }

            foreach (var literal in required)
            {
                foreach (var c in literal)
                {
                    if (c > '\u00FF')
                    {
                        return null;
                    }
                }
            }

            return required;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>What a node demands: its exact strings when few, else its requirement.</summary>
    private static HashSet<string>? Effective(Info info)
    {
        var exact = info.Exact is { } strings && !strings.Contains("") ? strings : null;
        return Best(info.Required, exact);
    }

    /// <summary>The more selective of two requirements: longer shortest literal first, then fewer literals.</summary>
    private static HashSet<string>? Best(HashSet<string>? a, HashSet<string>? b)
    {
        if (a is null || a.Contains(""))
        {
            return b is null || b.Contains("") ? null : b;
        }

        if (b is null || b.Contains(""))
        {
            return a;
        }

        var minA = a.Min(s => s.Length);
        var minB = b.Min(s => s.Length);
        if (minA != minB)
        {
            return minA > minB ? a : b;
        }

        return a.Count <= b.Count ? a : b;
    }

    /// <summary>ASCII letters to lower case, the folding the prefilter's scan applies to values (C tolower).</summary>
    internal static string Fold(string text) =>
        !text.AsSpan().ContainsAnyInRange('A', 'Z') ? text : string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = CType.ToLower(source[i]);
            }
        });

    /// <summary>Exact: every string the node can match (null when unknown or too many); Required: one must appear.</summary>
    private readonly record struct Info(HashSet<string>? Exact, HashSet<string>? Required)
    {
        public static Info Any => new(null, null);

        public static Info Empty => new([""], null);

        public static Info Chars(IEnumerable<char> chars)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in chars)
            {
                set.Add(Fold(c.ToString()));
            }

            return new Info(set, set);
        }
    }

    private sealed class Parser(string pattern)
    {
        public int Position { get; private set; }

        private bool AtEnd => Position >= pattern.Length;

        private char Peek => pattern[Position];

        public Info ParseAlternation()
        {
            var branches = new List<Info> { ParseConcatenation() };
            while (!AtEnd && Peek == '|')
            {
                Position++;
                branches.Add(ParseConcatenation());
            }

            return branches.Count == 1 ? branches[0] : Alternation(branches);
        }

        private static Info Alternation(List<Info> branches)
        {
            HashSet<string>? exact = new(StringComparer.Ordinal);
            HashSet<string>? required = new(StringComparer.Ordinal);
            foreach (var branch in branches)
            {
                if (exact is not null && branch.Exact is { } strings && exact.Count + strings.Count <= MaxExactStrings)
                {
                    exact.UnionWith(strings);
                }
                else
                {
                    exact = null;
                }

                if (required is not null && Effective(branch) is { } demand && required.Count + demand.Count <= MaxRequiredStrings)
                {
                    required.UnionWith(demand);
                }
                else
                {
                    required = null;
                }
            }

            return new Info(exact, required);
        }

        private Info ParseConcatenation()
        {
            HashSet<string>? run = [""];
            HashSet<string>? best = null;
            var broken = false;
            while (!AtEnd && Peek != '|' && Peek != ')')
            {
                var item = ParseQuantified();
                best = Best(best, item.Required);
                if (item.Exact is { } strings && run is not null && Product(run, strings) is { } product)
                {
                    run = product;
                    continue;
                }

                // The adjacent run ends here; what it spelled must appear in every match.
                best = Best(best, run is not null && !run.Contains("") ? run : null);
                broken = true;
                run = item.Exact is { } next ? new HashSet<string>(next, StringComparer.Ordinal) : [""];
            }

            best = Best(best, run is not null && !run.Contains("") ? run : null);
            return new Info(broken ? null : run, best);
        }

        private static HashSet<string>? Product(HashSet<string> left, HashSet<string> right)
        {
            if ((long)left.Count * right.Count > MaxExactStrings)
            {
                return null;
            }

            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in left)
            {
                foreach (var b in right)
                {
                    var joined = a + b;
                    if (joined.Length > MaxExactLength)
                    {
                        return null;
                    }

                    result.Add(joined);
                }
            }

            return result;
        }

        private Info ParseQuantified()
        {
            var atom = ParseAtom();
            while (!AtEnd)
            {
                int min;
                int max;
                var c = Peek;
                if (c == '*')
                {
                    (min, max) = (0, int.MaxValue);
                    Position++;
                }
                else if (c == '+')
                {
                    (min, max) = (1, int.MaxValue);
                    Position++;
                }
                else if (c == '?')
                {
                    (min, max) = (0, 1);
                    Position++;
                }
                else if (c == '{' && TryParseBraces(out min, out max))
                {
                }
                else
                {
                    break;
                }

                if (!AtEnd && (Peek == '?' || Peek == '+'))
                {
                    Position++;
                }

                // Optional: it may be absent, so it demands nothing and breaks an adjacent run. Repeated: it demands
                // what one repetition does, but its exact text is no longer known.
                atom = min == 0 ? Info.Any : new Info(min == 1 && max == 1 ? atom.Exact : null, Effective(atom));
            }

            return atom;
        }

        private bool TryParseBraces(out int min, out int max)
        {
            min = 0;
            max = 0;
            var end = pattern.IndexOf('}', Position);
            if (end < 0)
            {
                return false;
            }

            var body = pattern.AsSpan(Position + 1, end - Position - 1);
            var comma = body.IndexOf(',');
            var minText = comma < 0 ? body : body[..comma];
            if (!int.TryParse(minText, NumberStyles.None, CultureInfo.InvariantCulture, out min))
            {
                return false;
            }

            if (comma < 0)
            {
                max = min;
            }
            else if (comma == body.Length - 1)
            {
                max = int.MaxValue;
            }
            else if (!int.TryParse(body[(comma + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out max))
            {
                return false;
            }

            Position = end + 1;
            return true;
        }

        private Info ParseAtom()
        {
            var c = pattern[Position++];
            switch (c)
            {
                case '(':
                    return ParseGroup();
                case '[':
                    return ParseClass();
                case '.':
                    return Info.Any;
                case '^' or '$':
                    return Info.Empty;
                case '\\':
                    return ParseEscape();
                default:
                    return Info.Chars([c]);
            }
        }

        private Info ParseGroup()
        {
            var lookaround = false;
            if (!AtEnd && Peek == '?')
            {
                Position++;
                if (AtEnd)
                {
                    throw new FormatException();
                }

                var kind = Peek;
                if (kind == ':')
                {
                    Position++;
                }
                else if (kind is '=' or '!')
                {
                    Position++;
                    lookaround = true;
                }
                else if (kind == '<' && Position + 1 < pattern.Length && pattern[Position + 1] is '=' or '!')
                {
                    Position += 2;
                    lookaround = true;
                }
                else if (kind is '<' or 'P' or '\'')
                {
                    var close = pattern.IndexOfAny(['>', '\''], Position + 1);
                    if (close < 0)
                    {
                        throw new FormatException();
                    }

                    Position = close + 1;
                }
                else
                {
                    // Inline options: (?i) applies to the rest of the group, (?i:…) to its own.
                    while (!AtEnd && (char.IsAsciiLetter(Peek) || Peek == '-'))
                    {
                        Position++;
                    }

                    if (AtEnd)
                    {
                        throw new FormatException();
                    }

                    if (Peek == ')')
                    {
                        Position++;
                        return Info.Empty;
                    }

                    if (Peek != ':')
                    {
                        throw new FormatException();
                    }

                    Position++;
                }
            }

            var inner = ParseAlternation();
            if (AtEnd || Peek != ')')
            {
                throw new FormatException();
            }

            Position++;
            return lookaround ? Info.Empty : inner;
        }

        private Info ParseClass()
        {
            var negated = !AtEnd && Peek == '^';
            if (negated)
            {
                Position++;
            }

            var chars = new HashSet<char>();
            var broad = false;
            var first = true;
            while (!AtEnd && (Peek != ']' || first))
            {
                first = false;
                char low;
                if (Peek == '[' && Position + 1 < pattern.Length && pattern[Position + 1] == ':')
                {
                    var close = pattern.IndexOf(":]", Position + 2, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        throw new FormatException();
                    }

                    Position = close + 2;
                    broad = true;
                    continue;
                }

                if (Peek == '\\')
                {
                    Position++;
                    if (!TryEscapedChar(out low))
                    {
                        broad = true;
                        continue;
                    }
                }
                else
                {
                    low = pattern[Position++];
                }

                if (!AtEnd && Peek == '-' && Position + 1 < pattern.Length && pattern[Position + 1] != ']')
                {
                    Position++;
                    char high;
                    if (Peek == '\\')
                    {
                        Position++;
                        if (!TryEscapedChar(out high))
                        {
                            broad = true;
                            continue;
                        }
                    }
                    else
                    {
                        high = pattern[Position++];
                    }

                    if (high - low > MaxClassSize)
                    {
                        broad = true;
                        continue;
                    }

                    for (var x = low; x <= high; x++)
                    {
                        chars.Add(x);
                    }

                    continue;
                }

                chars.Add(low);
            }

            if (AtEnd)
            {
                throw new FormatException();
            }

            Position++;
            if (negated || broad)
            {
                return Info.Any;
            }

            var folded = new HashSet<char>();
            foreach (var x in chars)
            {
                folded.Add(x is >= 'A' and <= 'Z' ? (char)(x | 0x20) : x);
            }

            return folded.Count is 0 or > MaxClassSize ? Info.Any : Info.Chars(folded);
        }

        private Info ParseEscape()
        {
            if (AtEnd)
            {
                throw new FormatException();
            }

            var c = Peek;
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    Position++;
                    return Info.Empty;
                case 'Q':
                    var end = pattern.IndexOf("\\E", Position + 1, StringComparison.Ordinal);
                    var text = end < 0 ? pattern[(Position + 1)..] : pattern[(Position + 1)..end];
                    Position = end < 0 ? pattern.Length : end + 2;
                    var folded = Fold(text);
                    return new Info([folded], [folded]);
                default:
                    return TryEscapedChar(out var literal) ? Info.Chars([literal]) : Info.Any;
            }
        }

        /// <summary>After a backslash: a single character (true), or a class / something we do not model (false).</summary>
        private bool TryEscapedChar(out char literal)
        {
            literal = '\0';
            var c = pattern[Position++];
            switch (c)
            {
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'h' or 'H' or 'v' or 'V' or 'N' or 'R' or 'X':
                    return false;
                case 'p' or 'P':
                    if (!AtEnd && Peek == '{')
                    {
                        var close = pattern.IndexOf('}', Position);
                        Position = close < 0 ? pattern.Length : close + 1;
                    }
                    else if (!AtEnd)
                    {
                        Position++;
                    }

                    return false;
                case 'n': literal = '\n'; return true;
                case 'r': literal = '\r'; return true;
                case 't': literal = '\t'; return true;
                case 'f': literal = '\f'; return true;
                case 'e': literal = '\x1b'; return true;
                case 'a': literal = '\x07'; return true;
                case 'x':
                    return TryHex(out literal);
                case 'c':
                    if (AtEnd)
                    {
                        return false;
                    }

                    literal = (char)(char.ToUpperInvariant(pattern[Position++]) ^ 0x40);
                    return true;
                case >= '0' and <= '9':
                    return false;
                default:
                    if (char.IsAsciiLetterOrDigit(c))
                    {
                        return false;
                    }

                    literal = c;
                    return true;
            }
        }

        private bool TryHex(out char literal)
        {
            literal = '\0';
            if (!AtEnd && Peek == '{')
            {
                var close = pattern.IndexOf('}', Position);
                if (close < 0 || !int.TryParse(pattern.AsSpan(Position + 1, close - Position - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) || code > 0xFF)
                {
                    return false;
                }

                Position = close + 1;
                literal = (char)code;
                return true;
            }

            var digits = 0;
            var value = 0;
            while (digits < 2 && !AtEnd && char.IsAsciiHexDigit(Peek))
            {
                value = (value * 16) + Convert.ToInt32(Peek.ToString(), 16);
                Position++;
                digits++;
            }

            literal = (char)value;
            return true;
        }
    }
}
