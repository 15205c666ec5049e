namespace Palisade.Waf.Hosting.Conformance;

/// <summary>One test that did not pass.</summary>
/// <param name="TestId">go-ftw's name of the test, e.g. "942100-3".</param>
/// <param name="RuleId">The rule the test belongs to.</param>
/// <param name="Expected">What the failing stage expected, e.g. "ids [942100]".</param>
/// <param name="Actual">What happened, e.g. "status 200, ids [920350] (missing [942100])".</param>
/// <param name="IdsSeen">Every rule id in the stage's log lines.</param>
/// <param name="Description">The test's own description, if it has one.</param>
/// <param name="BaselineReason">Why the baseline lists it; null when the failure is new (a regression).</param>
/// <param name="Overridden">The test ran with the output of an override (and still failed).</param>
public sealed record ConformanceFailure(
    string TestId,
    int RuleId,
    string Expected,
    string Actual,
    IReadOnlyList<int> IdsSeen,
    string? Description,
    string? BaselineReason,
    bool Overridden)
{
    /// <summary>The baseline lists this failure, so it does not fail the run.</summary>
    public bool IsKnown => BaselineReason is not null;
}
