using YamlDotNet.Serialization;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// One go-ftw YAML file: the tests of one rule (schema: coreruleset/ftw-tests-schema, types/types.go). Keys are
/// matched strictly so that a misspelt expectation (<c>expect_id</c>) is a load error, not a test that always passes.
/// </summary>
internal sealed class FtwTestFile
{
    public FtwMeta? Meta { get; init; }

    /// <summary>Found at the top level in one CRS file instead of under meta; accepted and ignored.</summary>
    public string? Author { get; init; }

    public int RuleId { get; init; }

    public List<FtwTest> Tests { get; init; } = [];

    /// <summary>The file the tests came from (set by the loader).</summary>
    [YamlIgnore]
    public string Path { get; set; } = "";
}
