
namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// CRS v4.28.0's go-ftw regression tests of the detector rules, read at test time from the workspace's shared
/// folder (../shared/crs/v4.28.0 next to the repository; PALISADE_CRS_DIR overrides). Nothing is copied.
/// </summary>
internal static class CrsRegressionSuite
{
    public static string TestsDirectory { get; } = CrsLocation.V4RegressionTests;

    /// <summary>Every test of 942100.yaml, 942101.yaml, 941100.yaml and 941101.yaml, keyed "942100-1".</summary>
    public static IReadOnlyDictionary<string, (CrsDetectorRule Rule, GoFtwTest Test)> Cases { get; } = Load();

    private static Dictionary<string, (CrsDetectorRule Rule, GoFtwTest Test)> Load()
    {
        var cases = new Dictionary<string, (CrsDetectorRule, GoFtwTest)>(StringComparer.Ordinal);
        foreach (var rule in CrsDetectorRule.All)
        {
            foreach (var test in GoFtwYamlReader.Read(Path.Combine(TestsDirectory, rule.RegressionFile)))
            {
                cases.Add(test.ToString(), (rule, test));
            }
        }

        return cases;
    }
}
