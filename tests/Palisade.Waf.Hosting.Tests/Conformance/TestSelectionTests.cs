using Palisade.Waf.Hosting.Conformance;

namespace Palisade.Waf.Hosting.Tests.Conformance;

public sealed class TestSelectionTests
{
    private static readonly FtwTest Sqli = new() { RuleId = 942100, TestId = 3 };
    private static readonly FtwTest Protocol = new() { RuleId = 920100, TestId = 8 };

    [Fact]
    public void Selects_NoGlobs_Everything()
    {
        var selection = new TestSelection([], []);

        Assert.True(selection.Selects(Sqli) && selection.Selects(Protocol));
    }

    [Fact]
    public void Selects_IncludeRulePrefix_OnlyThoseRules()
    {
        var selection = new TestSelection(["942*"], []);

        Assert.True(selection.Selects(Sqli));
        Assert.False(selection.Selects(Protocol));
    }

    [Fact]
    public void Selects_IncludeTestId_ExactTest()
    {
        var selection = new TestSelection(["920100-8"], []);

        Assert.True(selection.Selects(Protocol));
        Assert.False(selection.Selects(new FtwTest { RuleId = 920100, TestId = 80 }));
    }

    [Fact]
    public void Selects_ExcludeWinsOverInclude()
    {
        var selection = new TestSelection(["9*"], ["9421??", "920100-?"]);

        Assert.False(selection.Selects(Sqli));
        Assert.False(selection.Selects(Protocol));
        Assert.True(selection.Selects(new FtwTest { RuleId = 941100, TestId = 1 }));
    }
}
