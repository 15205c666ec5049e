using System.Text.RegularExpressions;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// Which tests run: include and exclude globs (<c>*</c>, <c>?</c>) on the rule id ("942*") or the test id
/// ("942100-3"). No include means every test; an exclude wins over an include.
/// </summary>
internal sealed class TestSelection
{
    private readonly Regex[] _include;
    private readonly Regex[] _exclude;

    public TestSelection(IEnumerable<string> include, IEnumerable<string> exclude)
    {
        _include = [.. include.Where(g => !string.IsNullOrWhiteSpace(g)).Select(ToRegex)];
        _exclude = [.. exclude.Where(g => !string.IsNullOrWhiteSpace(g)).Select(ToRegex)];
    }

    public bool Selects(FtwTest test)
    {
        var ruleId = test.RuleId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool Hit(Regex glob) => glob.IsMatch(ruleId) || glob.IsMatch(test.Name);
        return (_include.Length == 0 || _include.Any(Hit)) && !_exclude.Any(Hit);
    }

    private static Regex ToRegex(string glob) =>
        new("^" + Regex.Escape(glob.Trim()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);
}
