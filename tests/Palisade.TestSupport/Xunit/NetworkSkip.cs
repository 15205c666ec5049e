using Palisade.TestSupport.Network;

namespace Palisade.TestSupport;

/// <summary>The skip reason shared by <see cref="NetworkFactAttribute"/> and <see cref="NetworkTheoryAttribute"/>.</summary>
internal static class NetworkSkip
{
    public static string? Reason(IEnumerable<string> requiredTools) =>
        Reason(NetworkLab.IsSupported(out var reason) ? null : reason, requiredTools.Where(t => LabTools.Find(t) is null), LabSupport.IsContinuousIntegration);

    /// <summary>Pure decision, for unit tests: null means "run".</summary>
    public static string? Reason(string? unsupportedReason, IEnumerable<string> missingTools, bool continuousIntegration)
    {
        if (continuousIntegration)
        {
            // In CI a missing prerequisite is a broken install step: run, and let the lab's exception fail the test.
            return null;
        }

        if (unsupportedReason is not null)
        {
            return $"Network lab unavailable: {unsupportedReason}";
        }

        var missing = missingTools.ToArray();
        return missing.Length == 0 ? null : $"Needs {string.Join(", ", missing)}: apt-get install -y {string.Join(' ', missing)}";
    }
}
