using System.Text.RegularExpressions;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Tests.Operators;

/// <summary>
/// Reads @rx patterns and attack payloads straight from rule sets on disk: OWASP CRS v4.28.0 from the workspace's
/// shared folder (PALISADE_CRS_DIR overrides) and Debian's CRS 3.3.4 package.
/// </summary>
internal static partial class CrsRuleSet
{
    public const string DebianRules = "/usr/share/modsecurity-crs/rules";

    public static string V4Directory => CrsLocation.V4Directory;

    /// <summary>
    /// Every "@rx …" / "!@rx …" argument of the .conf files, as the SecLang parser hands it over: comment lines
    /// dropped, continuation lines joined, \" unescaped.
    /// </summary>
    public static IReadOnlyList<(string File, string Pattern)> RxPatterns(string rulesDirectory)
    {
        var patterns = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(rulesDirectory, "*.conf").Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file).Where(line => !line.TrimStart().StartsWith('#'));
            var text = string.Join('\n', lines).Replace("\\\n", "", StringComparison.Ordinal);
            foreach (Match match in RxArgument().Matches(text))
            {
                patterns.Add((Path.GetFileName(file), match.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)));
            }
        }

        return patterns;
    }

    /// <summary>
    /// Distinct URL-decoded uri and data values of CRS's regression tests (byte strings): real attack and benign
    /// payloads to exercise the patterns with. Every <paramref name="stride"/>-th one, in a stable order.
    /// </summary>
    public static IReadOnlyList<string> RegressionPayloads(int stride)
    {
        var decode = Transformation.Get(TransformationName.UrlDecodeUni);
        var payloads = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(V4Directory, "tests", "regression", "tests"), "*.yaml", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file))
            {
                var match = PayloadLine().Match(line);
                if (!match.Success)
                {
                    continue;
                }

                var value = match.Groups[1].Value.Trim();
                if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
                {
                    value = value[1..^1];
                }

                if (value.Length > 0 && value is not ("|" or ">"))
                {
                    payloads.Add(decode.Apply(ByteText.FromRuleText(value)));
                }
            }
        }

        return payloads.Where((_, index) => index % stride == 0).ToList();
    }

    [GeneratedRegex("\"!?@rx ((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex RxArgument();

    [GeneratedRegex(@"^\s+(?:uri|data): (.*)$")]
    private static partial Regex PayloadLine();
}
