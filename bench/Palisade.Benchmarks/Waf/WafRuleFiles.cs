using System.Runtime.CompilerServices;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// The configuration both engines load, as an ordered list of files: this folder's waf-base.conf, then CRS's
/// crs-setup.conf.example and rules/*.conf (paranoia level 1 is CRS's default). CRS is read where it lies —
/// `--crs DIR`, else PALISADE_CRS_DIR, else ../shared/crs/v4.28.0 next to the repository — never copied.
/// `--crs debian` selects Debian's modsecurity-crs 3.3.4 package (rules in /usr/share/modsecurity-crs, setup in
/// /etc/modsecurity/crs), the fallback for an engine that cannot load v4.
/// </summary>
internal sealed record WafRuleFiles(string CrsDirectory, string SetupFile, IReadOnlyList<string> Files)
{
    public const string BaseConfigName = "waf-base.conf";
    public const string Debian = "debian";
    private const string DebianRules = "/usr/share/modsecurity-crs";
    private const string DebianSetup = "/etc/modsecurity/crs/crs-setup.conf";

    public string BaseConfig => Files[0];

    /// <summary>For the summary line: which CRS, which setup file, how many rule files.</summary>
    public string Describe() => $"{BaseConfigName} + {SetupFile} + {Files.Count - 2} rule files of {CrsDirectory}/rules";

    public static WafRuleFiles Locate(string? crsDirectory) => Locate(crsDirectory, ThisFolder());

    private static WafRuleFiles Locate(string? crsDirectory, string benchFolder)
    {
        var debian = crsDirectory == Debian;
        var crs = debian ? DebianRules : crsDirectory ?? Environment.GetEnvironmentVariable("PALISADE_CRS_DIR") ?? FindSharedCrs(benchFolder);
        var setup = debian ? DebianSetup : Path.Combine(crs, "crs-setup.conf.example");
        var rules = Path.Combine(crs, "rules");
        if (!File.Exists(setup) || !Directory.Exists(rules))
        {
            throw new DirectoryNotFoundException($"CRS not found: expected {setup} and {rules}/ (use --crs DIR, --crs debian or PALISADE_CRS_DIR).");
        }

        var baseConfig = Path.Combine(benchFolder, BaseConfigName);
        if (!File.Exists(baseConfig))
        {
            throw new FileNotFoundException($"The benchmark's base configuration is missing: {baseConfig}.", baseConfig);
        }

        // Ordinal order: CRS's file names carry their evaluation order (REQUEST-901 … RESPONSE-980).
        var ruleFiles = Directory.GetFiles(rules, "*.conf").Order(StringComparer.Ordinal);
        return new WafRuleFiles(Path.GetFullPath(crs), setup, [baseConfig, setup, .. ruleFiles]);
    }

    /// <summary>The repository sits next to shared/: &lt;work&gt;/main/bench/… and &lt;work&gt;/shared/crs/v4.28.0.</summary>
    private static string FindSharedCrs(string benchFolder)
    {
        for (var directory = benchFolder; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            var candidate = Path.Combine(directory, "shared", "crs", "v4.28.0");
            if (Directory.Exists(Path.Combine(candidate, "rules")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("OWASP CRS v4.28.0 not found: expected ../shared/crs/v4.28.0 next to the repository; use --crs DIR or set PALISADE_CRS_DIR.");
    }

    /// <summary>This source file's folder: waf-base.conf lives beside it, whichever output folder the build used.</summary>
    private static string ThisFolder([CallerFilePath] string sourceFile = "") =>
        Path.GetDirectoryName(sourceFile) ?? throw new InvalidOperationException("No source path compiled in.");
}
