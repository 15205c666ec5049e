using Palisade.Waf.Hosting.Conformance;

namespace Palisade.Waf.Hosting.Tests.Conformance;

public sealed class OverridesAndBaselineTests
{
    [Fact]
    public void KestrelOverrides_EveryEntryHasReasonAndAtMost30Tests()
    {
        var overrides = FtwOverrides.Parse(ConformanceResources.Read(ConformanceResources.Overrides), ConformanceResources.Overrides);

        Assert.InRange(overrides.TestCount, 1, 30);
        Assert.All(overrides.Entries, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Reason)));
    }

    [Fact]
    public void KestrelOverrides_NameOnlyExistingTests()
    {
        var overrides = FtwOverrides.Parse(ConformanceResources.Read(ConformanceResources.Overrides), ConformanceResources.Overrides);
        var tests = FtwTestLoader.LoadDirectory(CrsLocation.V4RegressionTests).Tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var named = overrides.Entries.SelectMany(e => e.TestIds!.Select(id => FormattableString.Invariant($"{e.RuleId}-{id}")));

        Assert.All(named, name => Assert.Contains(name, tests));
    }

    [Fact]
    public void Baseline_ParsesAndNamesOnlyExistingTests()
    {
        var baseline = ConformanceBaseline.Parse(ConformanceResources.Read(ConformanceResources.Baseline), ConformanceResources.Baseline);
        var tests = FtwTestLoader.LoadDirectory(CrsLocation.V4RegressionTests).Tests.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(baseline.TestIds, id => Assert.Contains(id, tests));
        Assert.All(baseline.TestIds, id => Assert.True(baseline.TryGetReason(id, out var reason) && reason.Length > 0, id));
    }

    [Fact]
    public void Overrides_EntryWithoutReason_RefusedNamingTheRule()
    {
        var yaml = """
            test_overrides:
              - rule_id: 920100
                test_ids: [4]
                output: {status: 400}
            """;

        var error = Assert.Throws<InvalidDataException>(() => FtwOverrides.Parse(yaml, "mine.yaml"));

        Assert.Contains("mine.yaml: test_overrides[0] (rule 920100): reason is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overrides_Find_ByTestNameWithStageSelection()
    {
        var overrides = FtwOverrides.Parse("""
            test_overrides:
              - rule_id: 920100
                test_ids: [4, 5]
                stage_ids: [1]
                reason: "because"
                output: {status: 400}
            """, "o.yaml");

        var entry = overrides.Find("920100-5")!;

        Assert.Null(overrides.Find("920100-6"));
        Assert.Equal([400], entry.Output!.Status!);
        Assert.False(entry.AppliesTo(0));
        Assert.True(entry.AppliesTo(1));
    }

    [Fact]
    public void Baseline_MalformedLineAndDuplicate_EveryErrorWithLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => ConformanceBaseline.Parse("# known\n942100-3 reason\nnot an id\n942100-3 again\n", "b.txt"));

        Assert.Contains("b.txt:3: 'not an id' does not start with a test id", error.Message, StringComparison.Ordinal);
        Assert.Contains("b.txt:4: test 942100-3 is listed twice", error.Message, StringComparison.Ordinal);
    }
}
