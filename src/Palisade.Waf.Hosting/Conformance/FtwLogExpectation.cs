namespace Palisade.Waf.Hosting.Conformance;

/// <summary>Expectations on the WAF's error-log lines written for the stage's request.</summary>
internal sealed class FtwLogExpectation
{
    /// <summary>Every id must appear as <c>[id "N"]</c>.</summary>
    public List<int>? ExpectIds { get; init; }

    /// <summary>None of these ids may appear.</summary>
    public List<int>? NoExpectIds { get; init; }

    /// <summary>Some line must match (go-ftw uses Go's RE2 syntax; the patterns CRS uses mean the same in .NET).</summary>
    public string? MatchRegex { get; init; }

    /// <summary>No line may match.</summary>
    public string? NoMatchRegex { get; init; }
}
