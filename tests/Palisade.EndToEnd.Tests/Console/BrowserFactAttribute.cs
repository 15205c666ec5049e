using Palisade.TestSupport.Network;

namespace Palisade.EndToEnd.Tests.Console;

/// <summary>
/// A fact that drives Debian's chromium through Playwright. Without <see cref="ChromiumPath"/> it shows as skipped
/// with the reason, never as passed; under CI (CI=true) it always runs, so a missing browser fails the run instead
/// of hiding behind a skip (the same rule as <see cref="TestSupport.NetworkFactAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public override string? Skip
    {
        get => base.Skip ?? SkipReason();
        set => base.Skip = value;
    }

    public static bool IsBrowserAvailable => File.Exists(ChromiumPath);

    private static string? SkipReason() =>
        IsBrowserAvailable || LabSupport.IsContinuousIntegration
            ? null
            : $"Needs Debian's chromium at {ChromiumPath}: apt-get install -y chromium";
}
