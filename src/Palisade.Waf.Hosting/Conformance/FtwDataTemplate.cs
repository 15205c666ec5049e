using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// go-ftw runs <c>data</c> through Go's text/template with the sprig functions. CRS uses one form, to build large
/// bodies: <c>{{ "1" | repeat 64200 }}</c> (also accepted as <c>{{ repeat 64200 "1" }}</c>). Any other action is
/// refused with an error rather than sent as literal text, so a test never runs with a body it did not mean.
/// </summary>
internal static partial class FtwDataTemplate
{
    /// <summary>Far above CRS's largest body (64,200 bytes), low enough that a typo cannot exhaust memory.</summary>
    private const int MaxExpandedLength = 16 * 1024 * 1024;

    /// <exception cref="FormatException">An action other than repeat, or an expansion beyond 16 MiB.</exception>
    public static string Expand(string data)
    {
        if (!data.Contains("{{", StringComparison.Ordinal))
        {
            return data;
        }

        var result = new StringBuilder(data.Length);
        var position = 0;
        while (position < data.Length)
        {
            var open = data.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                result.Append(data, position, data.Length - position);
                break;
            }

            var close = data.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"data: template action at offset {open} has no closing '}}}}'.");
            }

            result.Append(data, position, open - position);
            var action = data[(open + 2)..close].Trim();
            var (text, count) = ParseRepeat(action);
            if ((long)text.Length * count + result.Length > MaxExpandedLength)
            {
                throw new FormatException($"data: '{{{{ {action} }}}}' expands beyond {MaxExpandedLength} characters.");
            }

            result.Insert(result.Length, text, count);
            position = close + 2;
        }

        return result.ToString();
    }

    private static (string Text, int Count) ParseRepeat(string action)
    {
        if (PipedRepeat().Match(action) is { Success: true } piped)
        {
            return (Unquote(piped.Groups["text"].Value), ParseCount(piped.Groups["count"].Value));
        }

        if (CalledRepeat().Match(action) is { Success: true } called)
        {
            return (Unquote(called.Groups["text"].Value), ParseCount(called.Groups["count"].Value));
        }

        throw new FormatException($"data: template action '{{{{ {action} }}}}' is not supported; accepted: {{{{ \"text\" | repeat N }}}}.");
    }

    private static int ParseCount(string digits) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : throw new FormatException($"data: repeat count '{digits}' is too large.");

    /// <summary>A Go interpreted string literal; only the escapes a test could need.</summary>
    private static string Unquote(string literal) =>
        literal.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal)
            .Replace("\\r", "\r", StringComparison.Ordinal).Replace("\\t", "\t", StringComparison.Ordinal)
            .Replace("\\\\", "\\", StringComparison.Ordinal);

    [GeneratedRegex("""^"(?<text>(?:[^"\\]|\\.)*)"\s*\|\s*repeat\s+(?<count>\d+)$""")]
    private static partial Regex PipedRepeat();

    [GeneratedRegex("""^repeat\s+(?<count>\d+)\s+"(?<text>(?:[^"\\]|\\.)*)"$""")]
    private static partial Regex CalledRepeat();
}
