namespace Palisade.Waf.Tests.SecLang;

/// <summary>
/// A fact that reads Debian's CRS 3.3.4 (package modsecurity-crs). Outside CI it is skipped, with the reason, where
/// the package is absent; under CI (CI=true) it always runs, because test.sh installs the package there and a
/// missing package means a broken install step.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DebianCrsFactAttribute : FactAttribute
{
    public override string? Skip
    {
        get => base.Skip ?? SkipReason();
        set => base.Skip = value;
    }

    private static string? SkipReason()
    {
        var continuousIntegration = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        return continuousIntegration || File.Exists(CrsLocation.DebianLoadFile)
            ? null
            : "Debian's CRS 3.3.4 is not installed: apt-get install -y --no-install-recommends modsecurity-crs";
    }
}
