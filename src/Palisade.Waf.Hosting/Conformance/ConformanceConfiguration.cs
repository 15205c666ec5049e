using System.Text;
using Palisade.Waf.Engine;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// The rule set the conformance tests run against, in the order CRS's CI loads it: ModSecurity's recommended base
/// configuration, the regression suite's test setup (rule 900005), crs-setup.conf.example, the request rules, the
/// response rules, and the log-marker rule 999999.
/// </summary>
internal static class ConformanceConfiguration
{
    /// <summary>The request header the marker rule logs (go-ftw's default LogMarkerHeaderName).</summary>
    public const string MarkerHeader = "X-CRS-Test";

    public const int MarkerRuleId = 999999;

    /// <summary>The whole configuration as SecLang text, including CRS from <paramref name="crsDirectory"/>.</summary>
    public static string Compose(string crsDirectory)
    {
        var crs = Path.GetFullPath(crsDirectory);
        var text = new StringBuilder();
        text.Append(ConformanceResources.Read(ConformanceResources.BaseConfiguration)).Append('\n');
        text.Append(ConformanceResources.Read(ConformanceResources.TestSetup)).Append('\n');
        AppendInclude(text, Path.Combine(crs, "crs-setup.conf.example"));
        AppendInclude(text, Path.Combine(crs, "rules", "REQUEST-*.conf"));
        AppendInclude(text, Path.Combine(crs, "rules", "RESPONSE-*.conf"));
        text.Append(ConformanceResources.Read(ConformanceResources.LogMarker)).Append('\n');
        return text.ToString();
    }

    /// <exception cref="WafConfigurationException">CRS (or the embedded configuration) does not load.</exception>
    /// <exception cref="DirectoryNotFoundException">No rules folder under <paramref name="crsDirectory"/>.</exception>
    public static WafEngine Load(string crsDirectory, IWafLog log)
    {
        if (!Directory.Exists(Path.Combine(crsDirectory, "rules")))
        {
            throw new DirectoryNotFoundException($"'{crsDirectory}' is not an OWASP CRS directory: it has no rules/ folder (expected e.g. ../shared/crs/v4.28.0).");
        }

        // Every regex is compiled at load: lazily, the first request to reach CRS's largest patterns can take seconds
        // (more on a busy machine), and a test must not fail on a timeout because it happened to come first.
        return WafEngine.LoadText(Compose(crsDirectory), new WafEngineOptions { Log = log, WarmRegexes = true }, crsDirectory);
    }

    private static void AppendInclude(StringBuilder text, string path) =>
        text.Append("Include \"").Append(path.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
}
