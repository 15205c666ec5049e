using System.Globalization;
using System.Text.RegularExpressions;

namespace Palisade.Benchmarks.Waf;

/// <summary>Rule ids from ModSecurity-style error-log lines (`[id "942100"]`), the form both engines write.</summary>
internal static partial class ErrorLogIds
{
    public static IReadOnlyList<int> Parse(IEnumerable<string> lines) =>
        [.. lines.Select(line => IdField().Match(line)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture))];

    [GeneratedRegex("""\[id "(\d+)"\]""", RegexOptions.CultureInvariant)]
    private static partial Regex IdField();
}
