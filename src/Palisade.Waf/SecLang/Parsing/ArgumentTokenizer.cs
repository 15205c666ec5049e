using System.Text;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Splits a directive's arguments the way Apache's ap_getword_conf does: a token is either quoted ("…" or '…') or runs
/// to the next whitespace. Inside quotes a backslash before the quote character yields the quote; every other
/// backslash pair is kept as written (so "\\" stays a regex escape and cannot end the token).
/// </summary>
internal static class ArgumentTokenizer
{
    public static List<ArgumentToken>? Tokenize(LogicalLine line, int from, Diagnostics diagnostics)
    {
        var text = line.Text;
        var tokens = new List<ArgumentToken>();
        var i = from;
        while (true)
        {
            while (i < text.Length && IsBlank(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return tokens;
            }

            var quote = text[i];
            if (quote is '"' or '\'')
            {
                var token = ReadQuoted(line, i, quote, diagnostics, out i);
                if (token is null)
                {
                    return null;
                }

                tokens.Add(token);
                if (i < text.Length && !IsBlank(text[i]))
                {
                    diagnostics.Report(line.LocationAt(i), $"Expected whitespace after the closing {QuoteName(quote)} quote, found '{text[i]}'; a quoted argument ends at its closing quote.");
                    return null;
                }
            }
            else
            {
                var start = i;
                while (i < text.Length && !IsBlank(text[i]))
                {
                    i++;
                }

                tokens.Add(new ArgumentToken(line, text[start..i], start, start, quoted: false, offsets: null));
            }
        }
    }

    private static ArgumentToken? ReadQuoted(LogicalLine line, int start, char quote, Diagnostics diagnostics, out int next)
    {
        var text = line.Text;
        var value = new StringBuilder();
        List<int>? offsets = null;
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                if (text[i + 1] == quote)
                {
                    offsets ??= Enumerable.Range(start + 1, value.Length).ToList();
                    offsets.Add(i + 1);
                    value.Append(quote);
                }
                else
                {
                    offsets?.Add(i);
                    offsets?.Add(i + 1);
                    value.Append(c).Append(text[i + 1]);
                }

                i += 2;
                continue;
            }

            if (c == quote)
            {
                next = i + 1;
                return new ArgumentToken(line, value.ToString(), start, start + 1, quoted: true, offsets?.ToArray());
            }

            offsets?.Add(i);
            value.Append(c);
            i++;
        }

        diagnostics.Report(line.LocationAt(start), $"Unterminated {QuoteName(quote)}-quoted argument: no closing {quote} before the end of the directive.");
        next = text.Length;
        return null;
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    private static string QuoteName(char quote) => quote == '"' ? "double" : "single";
}
