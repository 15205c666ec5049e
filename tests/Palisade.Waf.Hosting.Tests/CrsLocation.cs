using System.Runtime.CompilerServices;

namespace Palisade.Waf.Hosting.Tests;

/// <summary>
/// Where OWASP CRS v4.28.0 lives for these tests: the workspace's shared folder next to the repository
/// (../shared/crs/v4.28.0), or PALISADE_CRS_DIR. The same approach as Palisade.Waf.Tests' CrsLocation.
/// </summary>
internal static class CrsLocation
{
    public static string V4Directory { get; } = FindV4();

    /// <summary>The go-ftw regression tests, one folder per rule file.</summary>
    public static string V4RegressionTests => Path.Combine(V4Directory, "tests", "regression", "tests");

    private static string FindV4([CallerFilePath] string sourceFile = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PALISADE_CRS_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        // The repository sits next to shared/: <work>/main/tests/... and <work>/shared/crs/v4.28.0.
        for (var directory = Path.GetDirectoryName(sourceFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = Path.Combine(directory, "shared", "crs", "v4.28.0");
            if (Directory.Exists(Path.Combine(candidate, "rules")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("OWASP CRS v4.28.0 not found: expected ../shared/crs/v4.28.0 next to the repository, or set PALISADE_CRS_DIR.");
    }
}
