namespace Palisade.Waf.Tests.Conformance;

/// <summary>
/// One stage of a go-ftw test, as the request bytes go-ftw would put on the wire (its autocomplete rules applied)
/// and the rule ids the log must and must not show.
/// </summary>
internal sealed record FtwStage(
    string Method,
    string Uri,
    string Version,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    IReadOnlyList<int> ExpectIds,
    IReadOnlyList<int> NoExpectIds);
