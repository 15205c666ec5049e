using System.Runtime.CompilerServices;

namespace Palisade.Tests.Shared;

/// <summary>
/// Where the rule sets the tests read live: OWASP CRS v4.28.0 in the workspace's shared folder (next to the
/// repository; PALISADE_CRS_DIR overrides), and Debian's CRS 3.3.4 package when installed. The one place every test
/// finds them: compiled into each test project that reads CRS (see their csproj).
/// </summary>
internal static class CrsLocation
{
    public const string DebianRulesDirectory = "/usr/share/modsecurity-crs";
    public const string DebianLoadFile = "/usr/share/modsecurity-crs/owasp-crs.load";

    public static string V4Directory { get; } = FindV4();

    public static string V4Rules => Path.Combine(V4Directory, "rules");

    public static string V4Setup => Path.Combine(V4Directory, "crs-setup.conf.example");

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
