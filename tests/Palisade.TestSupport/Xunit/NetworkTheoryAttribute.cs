using Xunit;

namespace Palisade.TestSupport;

/// <summary>The theory form of <see cref="NetworkFactAttribute"/>: skipped with the reason where labs cannot run, outside CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class NetworkTheoryAttribute : TheoryAttribute
{
    /// <summary>Further programs the test runs (e.g. "hping3"); missing ones skip the test outside CI.</summary>
    public string[] RequiredTools { get; set; } = [];

    public override string? Skip
    {
        get => base.Skip ?? NetworkSkip.Reason(RequiredTools);
        set => base.Skip = value;
    }
}
