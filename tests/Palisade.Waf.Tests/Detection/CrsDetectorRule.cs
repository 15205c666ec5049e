using Palisade.Waf.Detection;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// The four CRS v4.28.0 rules that call the detectors, with the targets and transformations their SecRule lines
/// state (rules/REQUEST-942-APPLICATION-ATTACK-SQLI.conf 942100 and 942101, rules/REQUEST-941-APPLICATION-ATTACK-XSS.conf
/// 941100 and 941101). 942100 has multiMatch: the operator sees the value before and after each changing step.
/// </summary>
internal sealed record CrsDetectorRule(
    int Id,
    string RegressionFile,
    string[] Targets,
    TransformationPipeline Transformations,
    bool MultiMatch,
    Func<string, bool> Detector)
{
    private static readonly string[] XssTransformations =
        ["utf8toUnicode", "urlDecodeUni", "htmlEntityDecode", "jsDecode", "cssDecode", "removeNulls"];

    public static CrsDetectorRule Sqli942100 { get; } = new(
        942100,
        "REQUEST-942-APPLICATION-ATTACK-SQLI/942100.yaml",
        ["REQUEST_COOKIES", "REQUEST_COOKIES_NAMES", "REQUEST_HEADERS:User-Agent", "REQUEST_HEADERS:Referer", "ARGS_NAMES", "ARGS", "XML:/*", "XML://@*"],
        TransformationPipeline.Parse(["utf8toUnicode", "urlDecodeUni", "removeNulls"]),
        MultiMatch: true,
        value => SqlInjectionDetector.IsSqlInjection(value));

    public static CrsDetectorRule Sqli942101 { get; } = new(
        942101,
        "REQUEST-942-APPLICATION-ATTACK-SQLI/942101.yaml",
        ["REQUEST_BASENAME", "REQUEST_FILENAME"],
        TransformationPipeline.Parse(["utf8toUnicode", "urlDecodeUni", "removeNulls"]),
        MultiMatch: false,
        value => SqlInjectionDetector.IsSqlInjection(value));

    public static CrsDetectorRule Xss941100 { get; } = new(
        941100,
        "REQUEST-941-APPLICATION-ATTACK-XSS/941100.yaml",
        ["REQUEST_COOKIES", "REQUEST_COOKIES_NAMES", "REQUEST_HEADERS:User-Agent", "ARGS_NAMES", "ARGS", "XML:/*", "XML://@*"],
        TransformationPipeline.Parse(XssTransformations),
        MultiMatch: false,
        value => XssDetector.IsXss(value));

    public static CrsDetectorRule Xss941101 { get; } = new(
        941101,
        "REQUEST-941-APPLICATION-ATTACK-XSS/941101.yaml",
        ["REQUEST_FILENAME", "REQUEST_HEADERS:Referer"],
        TransformationPipeline.Parse(XssTransformations),
        MultiMatch: false,
        value => XssDetector.IsXss(value));

    public static IReadOnlyList<CrsDetectorRule> All { get; } = [Sqli942100, Sqli942101, Xss941100, Xss941101];

    /// <summary>The values the rule's operator is evaluated against for one request, each with its variable name.</summary>
    public IEnumerable<(string Variable, string Value)> OperatorInputs(GoFtwStage stage)
    {
        var variables = new CrsRequestVariables(stage);
        foreach (var target in Targets)
        {
            foreach (var (name, value) in variables.Collect(target))
            {
                if (MultiMatch)
                {
                    foreach (var step in Transformations.ApplyStepwise(value))
                    {
                        yield return (name, step);
                    }
                }
                else
                {
                    yield return (name, Transformations.Apply(value));
                }
            }
        }
    }

    /// <summary>The variables whose value the detector flags (what ModSecurity would log as matches).</summary>
    public IReadOnlyList<string> Matches(GoFtwStage stage) =>
        OperatorInputs(stage).Where(input => Detector(input.Value)).Select(input => input.Variable).Distinct().ToArray();
}
