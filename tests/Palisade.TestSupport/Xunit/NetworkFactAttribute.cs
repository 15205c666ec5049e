using Xunit;

namespace Palisade.TestSupport;

/// <summary>
/// A fact that needs a <see cref="Network.NetworkLab"/>. Where labs cannot run (not root, no nft, no namespaces) it
/// shows as skipped with the reason, never as passed. Under CI (CI=true) it always runs, so a broken install step
/// fails loudly instead of skipping.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NetworkFactAttribute : FactAttribute
{
    /// <summary>Further programs the test runs (e.g. "hping3"); missing ones skip the test outside CI.</summary>
    public string[] RequiredTools { get; set; } = [];

    // xunit reads Skip after setting the named properties, so RequiredTools is known here.
    public override string? Skip
    {
        get => base.Skip ?? NetworkSkip.Reason(RequiredTools);
        set => base.Skip = value;
    }
}
