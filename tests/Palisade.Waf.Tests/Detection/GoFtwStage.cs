namespace Palisade.Waf.Tests.Detection;

/// <summary>One stage of a go-ftw regression test: the request and the rule ids the log must (not) show.</summary>
internal sealed record GoFtwStage(
    string Method,
    string Uri,
    IReadOnlyDictionary<string, string> Headers,
    string? Data,
    IReadOnlyList<int> ExpectIds,
    IReadOnlyList<int> NoExpectIds);
