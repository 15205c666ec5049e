using Xunit.Abstractions;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// Runs the detectors on exactly what CRS rules 942100, 942101, 941100 and 941101 would hand them for each regression
/// test (the rule's targets after its transformations) and checks the test's expect_ids / no_expect_ids for the
/// rule. This is the detector's share of the conformance run, without the engine.
/// </summary>
public sealed class CrsRegressionCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> CaseKeys => new(CrsRegressionSuite.Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(CaseKeys))]
    public void RegressionTest_DetectorVerdict_MeetsExpectation(string key)
    {
        var (rule, test) = CrsRegressionSuite.Cases[key];
        foreach (var stage in test.Stages)
        {
            var matches = rule.Matches(stage);
            output.WriteLine($"{key} ({test.Description}): {(matches.Count == 0 ? "no match" : string.Join(", ", matches))}");
            if (stage.ExpectIds.Contains(rule.Id))
            {
                Assert.True(matches.Count > 0, $"{key}: rule {rule.Id} must match; inputs were: " + Describe(rule, stage));
            }

            if (stage.NoExpectIds.Contains(rule.Id))
            {
                Assert.True(matches.Count == 0, $"{key}: rule {rule.Id} must not match, but did on {string.Join(", ", matches)}.");
            }
        }
    }

    [Fact]
    public void RegressionFiles_EveryTest_StatesAnExpectationForItsRule()
    {
        var perRule = CrsRegressionSuite.Cases.Values.GroupBy(c => c.Rule.Id).ToDictionary(g => g.Key, g => g.Count());

        // The test counts of the four files in CRS v4.28.0: a reader that drops tests fails here.
        Assert.Equal(15, perRule[942100]);
        Assert.Equal(11, perRule[942101]);
        Assert.Equal(7, perRule[941100]);
        Assert.Equal(3, perRule[941101]);
        Assert.All(CrsRegressionSuite.Cases.Values, c => Assert.Contains(c.Test.Stages, s =>
            s.ExpectIds.Contains(c.Rule.Id) || s.NoExpectIds.Contains(c.Rule.Id)));
    }

    [Fact]
    public void RegressionPayloads_ReadThroughYamlEscapes_ArriveIntact()
    {
        // 942100-13 is a double-quoted scalar with \" and \\\\ escapes; 941100-6 a plain scalar with %3D.
        var sqli = CrsRegressionSuite.Cases["942100-13"].Test.Stages[0];
        Assert.Equal("var=\" | type %SystemDrive%\\\\config.ini | \"", sqli.Data);
        var xss = CrsRegressionSuite.Cases["941100-6"].Test.Stages[0];
        Assert.Equal("foo=<xss onbeforehellfreezes%3Daler%77(1)>", xss.Data);
        var inputs = CrsDetectorRule.Xss941100.OperatorInputs(xss).ToArray();
        Assert.Contains(("ARGS:foo", "<xss onbeforehellfreezes=alerw(1)>"), inputs);
    }

    private static string Describe(CrsDetectorRule rule, GoFtwStage stage) =>
        string.Join("; ", rule.OperatorInputs(stage).Select(i => $"{i.Variable}=[{i.Value}]"));
}
