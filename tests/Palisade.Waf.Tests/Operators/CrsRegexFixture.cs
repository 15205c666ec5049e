using Palisade.Waf.Operators;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.Operators;

/// <summary>
/// Every @rx pattern of CRS v4 compiled once, with its engine built, shared by <see cref="CrsRegexTests"/> (building
/// NonBacktracking engines for all of CRS takes several seconds).
/// </summary>
public sealed class CrsRegexFixture
{
    public CrsRegexFixture()
    {
        Patterns = CrsRuleSet.RxPatterns(Path.Combine(CrsRuleSet.V4Directory, "rules"));
        var factory = new OperatorFactory(OperatorTestSupport.NoFiles);
        Regexes = Patterns.Select(p => ((RegexOperator)factory.Compile(OperatorName.Rx, p.Pattern)).Regex).ToList();
        Parallel.ForEach(Regexes, regex => regex.EnsureCompiled());
        Payloads = CrsRuleSet.RegressionPayloads(stride: 3);
    }

    public IReadOnlyList<(string File, string Pattern)> Patterns { get; }

    public IReadOnlyList<WafRegex> Regexes { get; }

    public IReadOnlyList<string> Payloads { get; }
}
