namespace Palisade.Waf.Hosting.Conformance;

/// <summary>One override entry: the tests of one rule whose expected output is replaced, and why.</summary>
internal sealed class FtwTestOverride
{
    public int RuleId { get; init; }

    public List<int>? TestIds { get; init; }

    /// <summary>Zero-based stage indexes the output replaces; none = every stage (go-ftw's rule).</summary>
    public List<int>? StageIds { get; init; }

    public string? Reason { get; init; }

    /// <summary>The replacement output; null = the test is not run at all.</summary>
    public FtwOutput? Output { get; init; }

    public bool AppliesTo(int stageIndex) => StageIds is not { Count: > 0 } || StageIds.Contains(stageIndex);
}
