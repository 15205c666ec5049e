using System.Text;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>
/// Every CRS v4 rule, written back as SecLang from the parsed model, parses to the same model: nothing the rules say
/// is lost or altered on the way in.
/// </summary>
public sealed class RoundTripTests(CrsV4Fixture crs) : IClassFixture<CrsV4Fixture>
{
    [Fact]
    public void ParseText_EveryCrsV4RuleWrittenBack_SameTargetsOperatorsAndActions()
    {
        var original = crs.Configuration.Rules;
        var text = new StringBuilder();
        foreach (var rule in original)
        {
            Write(text, rule);
            foreach (var sub in rule.ChainedRules)
            {
                Write(text, sub);
            }
        }

        var reparsed = new SecLangParser().ParseText(text.ToString(), Path.Combine(CrsLocation.V4Rules, "rewritten.conf")); // data files resolve next to it

        Assert.Empty(reparsed.Errors);
        var again = reparsed.GetConfigurationOrThrow().Rules;
        Assert.Equal(original.Count, again.Count);
        for (var i = 0; i < original.Count; i++)
        {
            AssertSame(original[i], again[i]);
            Assert.Equal(original[i].ChainedRules.Count, again[i].ChainedRules.Count);
            for (var j = 0; j < original[i].ChainedRules.Count; j++)
            {
                AssertSame(original[i].ChainedRules[j], again[i].ChainedRules[j]);
            }
        }
    }

    private static void AssertSame(RuleDefinition expected, RuleDefinition actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Variables.Select(v => v.ToString()), actual.Variables.Select(v => v.ToString()));
        Assert.Equal(expected.Operator?.ToString(), actual.Operator?.ToString());
        Assert.Equal(expected.Actions.Select(a => (a.Name, a.Argument)), actual.Actions.Select(a => (a.Name, a.Argument)));
        Assert.Equal((expected.Id, expected.Phase, expected.Disruptive, expected.Message?.Text), (actual.Id, actual.Phase, actual.Disruptive, actual.Message?.Text));
    }

    // SecLang from the model; inside the double-quoted arguments a '"' is written as \", as in the CRS files.
    private static void Write(StringBuilder text, RuleDefinition rule)
    {
        var actions = string.Join(',', rule.Actions.Select(a => a.ToString()));
        if (rule.Kind == RuleKind.SecAction)
        {
            text.Append("SecAction \"").Append(Escape(actions)).Append("\"\n");
            return;
        }

        text.Append("SecRule ").Append(string.Join('|', rule.Variables)).Append(" \"").Append(Escape(rule.Operator!.ToString())).Append('"');
        if (rule.Actions.Count > 0)
        {
            text.Append(" \"").Append(Escape(actions)).Append('"');
        }

        text.Append('\n');
    }

    private static string Escape(string value) => value.Replace("\"", "\\\"", StringComparison.Ordinal);
}
