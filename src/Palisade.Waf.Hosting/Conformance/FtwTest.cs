using YamlDotNet.Serialization;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>One test: stages run in order; the test passes when every stage does.</summary>
internal sealed class FtwTest
{
    public int TestId { get; set; }

    [YamlMember(Alias = "desc")]
    public string? Description { get; init; }

    /// <summary>Deprecated by the schema in favour of rule_id + test_id; accepted and ignored.</summary>
    public string? TestTitle { get; init; }

    public List<string>? Tags { get; init; }

    public List<FtwStage> Stages { get; init; } = [];

    /// <summary>The rule id of the file (set by the loader).</summary>
    [YamlIgnore]
    public int RuleId { get; set; }

    /// <summary>"942100-3": how go-ftw names a test, and what overrides, the baseline and the globs refer to.</summary>
    [YamlIgnore]
    public string Name => FormattableString.Invariant($"{RuleId}-{TestId}");
}
