using System.Runtime.CompilerServices;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// CRS v4.28.0's go-ftw regression tests of the detector rules, read at test time from the workspace's shared
/// folder (../shared/crs/v4.28.0 next to the repository; PALISADE_CRS_DIR overrides). Nothing is copied.
/// </summary>
internal static class CrsRegressionSuite
{
    public static string TestsDirectory { get; } = Path.Combine(FindCrs(), "tests", "regression", "tests");

    /// <summary>Every test of 942100.yaml, 941100.yaml and 941101.yaml, keyed "942100-1".</summary>
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

    private static string FindCrs([CallerFilePath] string sourceFile = "")
    {
        var configured = Environment.GetEnvironmentVariable("PALISADE_CRS_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var directory = Path.GetDirectoryName(sourceFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = Path.Combine(directory, "shared", "crs", "v4.28.0");
            if (Directory.Exists(Path.Combine(candidate, "tests", "regression")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("CRS v4.28.0 not found: expected ../shared/crs/v4.28.0 next to the repository, or set PALISADE_CRS_DIR.");
    }
}
