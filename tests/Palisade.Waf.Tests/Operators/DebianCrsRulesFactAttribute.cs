namespace Palisade.Waf.Tests.Operators;

/// <summary>
/// A fact that needs Debian's CRS 3.3.4 (package modsecurity-crs). Skipped, with the reason, where it is absent; under
/// CI (CI=true) it always runs, because the test script installs the package there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DebianCrsRulesFactAttribute : FactAttribute
{
    public override string? Skip
    {
        get => base.Skip ?? (IsContinuousIntegration() || Directory.Exists(CrsRuleSet.DebianRules)
            ? null
            : "Debian's CRS 3.3.4 is not installed: apt-get install -y --no-install-recommends modsecurity-crs");
        set => base.Skip = value;
    }

    internal static bool IsContinuousIntegration() =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
