using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>Known CRS v4 rules come out of the parser with exactly the targets, operator and actions their files write.</summary>
public sealed class KnownRuleTests(CrsV4Fixture crs) : IClassFixture<CrsV4Fixture>
{
    [Fact]
    public void Parse_Rule942100_TargetsOperatorAndLocation()
    {
        var rule = crs.Rule(942100);

        Assert.Equal(
            ["REQUEST_COOKIES", "REQUEST_COOKIES_NAMES", "REQUEST_HEADERS:User-Agent", "REQUEST_HEADERS:Referer", "ARGS_NAMES", "ARGS", "XML:/*", "XML://@*"],
            rule.Variables.Select(v => v.ToString()));
        Assert.Equal(VariableSelectorKind.Key, rule.Variables[2].SelectorKind);
        Assert.Equal(VariableSelectorKind.XPath, rule.Variables[6].SelectorKind);
        Assert.Equal(OperatorName.DetectSqli, rule.Operator!.Name);
        Assert.False(rule.Operator.IsNegated);
        Assert.Equal("", rule.Operator.Argument);
        var file = Path.Combine(CrsLocation.V4Rules, "REQUEST-942-APPLICATION-ATTACK-SQLI.conf");
        Assert.Equal(new Palisade.Waf.SecLang.SourceLocation(file, LineOfRuleStart(file, 942100), 1), rule.Location);
    }

    [Fact]
    public void Parse_Rule942100_ActionsAndMetadata()
    {
        var rule = crs.Rule(942100);

        Assert.Equal(2, rule.Phase);
        Assert.Equal(DisruptiveAction.Block, rule.Disruptive);
        Assert.True(rule.Capture);
        Assert.True(rule.MultiMatch);
        Assert.True(rule.ClearsDefaultTransformations);
        Assert.Equal([TransformationName.Utf8ToUnicode, TransformationName.UrlDecodeUni, TransformationName.RemoveNulls], rule.Transformations);
        Assert.Equal("SQL Injection Attack Detected via libinjection", rule.Message!.Text);
        Assert.True(rule.Message.IsConstant);
        Assert.Equal(2, rule.Severity); // CRITICAL
        Assert.Equal("OWASP_CRS/4.28.0", rule.Version);
        Assert.Equal(
            ["application-multi", "language-multi", "platform-multi", "attack-sqli", "paranoia-level/1", "OWASP_CRS", "OWASP_CRS/ATTACK-SQLI", "capec/1000/152/248/66"],
            rule.Tags);
        Assert.Empty(rule.ChainedRules);
    }

    [Fact]
    public void Parse_Rule942100_LogDataMacrosSplitIntoSegments()
    {
        var logData = crs.Rule(942100).LogData!;

        Assert.Equal("Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}", logData.Text);
        Assert.False(logData.IsConstant);
        Assert.Equal(
            [
                MacroSegment.FromLiteral("Matched Data: "),
                MacroSegment.FromVariable(VariableName.Tx, "0"),
                MacroSegment.FromLiteral(" found within "),
                MacroSegment.FromVariable(VariableName.MatchedVarName, null),
                MacroSegment.FromLiteral(": "),
                MacroSegment.FromVariable(VariableName.MatchedVar, null),
            ],
            logData.Segments);
    }

    [Fact]
    public void Parse_Rule942100_SetVarAddsCriticalScore()
    {
        var setVars = crs.Rule(942100).Actions.Where(a => a.Name == ActionName.SetVar).Select(a => a.Assignment!).ToArray();

        Assert.Equal(2, setVars.Length);
        var score = setVars[0];
        Assert.Equal(VariableName.Tx, score.Collection);
        Assert.Equal("inbound_anomaly_score_pl1", score.Key.Text);
        Assert.Equal(AssignmentMode.Add, score.Mode);
        Assert.Equal([MacroSegment.FromVariable(VariableName.Tx, "critical_anomaly_score")], score.Value.Segments);
        Assert.Equal("sql_injection_score", setVars[1].Key.Text);
        Assert.Equal("tx.inbound_anomaly_score_pl1=+%{tx.critical_anomaly_score}", crs.Rule(942100).Actions.First(a => a.Name == ActionName.SetVar).Argument);
    }

    [Fact]
    public void Parse_Rule920180_ThreeChainedSubRulesAsOneUnit()
    {
        var rule = crs.Rule(920180);

        Assert.True(rule.IsChainStarter);
        Assert.True(rule.HasChainAction);
        Assert.Equal("REQUEST_PROTOCOL", Assert.Single(rule.Variables).ToString());
        Assert.Equal(OperatorName.Within, rule.Operator!.Name);
        Assert.True(rule.Operator.IsNegated);
        Assert.Equal("HTTP/2 HTTP/2.0 HTTP/3 HTTP/3.0", rule.Operator.Argument);
        Assert.Equal(DisruptiveAction.Block, rule.Disruptive);
        Assert.Equal(4, rule.Severity); // WARNING

        Assert.Equal(3, rule.ChainedRules.Count);
        var (method, contentLength, transferEncoding) = (rule.ChainedRules[0], rule.ChainedRules[1], rule.ChainedRules[2]);
        Assert.Equal("SecRule REQUEST_METHOD \"@streq POST\" \"chain\"", method.ToString());
        Assert.True(contentLength.Variables[0].IsCount);
        Assert.Equal("&REQUEST_HEADERS:Content-Length", contentLength.Variables[0].ToString());
        Assert.Equal(OperatorName.Eq, contentLength.Operator!.Name);
        Assert.Equal("0", contentLength.Operator.Argument);
        Assert.True(contentLength.HasChainAction);
        Assert.False(transferEncoding.HasChainAction);
        Assert.Equal("inbound_anomaly_score_pl1", Assert.Single(transferEncoding.Actions).Assignment!.Key.Text);
        Assert.All(rule.ChainedRules, sub => Assert.Equal(1, sub.Phase));
        Assert.All(rule.ChainedRules, sub => Assert.Null(sub.Id));
        Assert.All(rule.ChainedRules, sub => Assert.Empty(sub.ChainedRules));
    }

    [Fact]
    public void Parse_Rule920100_NegatedRegexKeptVerbatim()
    {
        var @operator = crs.Rule(920100).Operator!;

        Assert.Equal(OperatorName.Rx, @operator.Name);
        Assert.True(@operator.IsNegated);
        Assert.False(@operator.IsImplicit);
        var file = File.ReadAllText(Path.Combine(CrsLocation.V4Rules, "REQUEST-920-PROTOCOL-ENFORCEMENT.conf"));
        // The pattern exactly as written between "!@rx " and the closing quote: backslashes untouched.
        var start = file.IndexOf("\"!@rx (?i)^(?:connect", StringComparison.Ordinal) + "\"!@rx ".Length;
        var end = file.IndexOf('"', start);
        Assert.Equal(file[start..end], @operator.Argument);
        Assert.Contains(@"[\s\x0b]+[\.-9A-Z_a-z]+$", @operator.Argument, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Rule901125_SetVarCopiesAnotherTxVariable()
    {
        var rule = crs.Rule(901125);

        var target = Assert.Single(rule.Variables);
        Assert.Equal(new RuleVariable { Name = VariableName.Tx, Selector = "detection_paranoia_level", SelectorKind = VariableSelectorKind.Key, IsCount = true, Location = target.Location }, target);
        var setVar = rule.Actions.Single(a => a.Name == ActionName.SetVar).Assignment!;
        Assert.Equal(AssignmentMode.Set, setVar.Mode);
        Assert.Equal("detection_paranoia_level", setVar.Key.Text);
        Assert.Equal([MacroSegment.FromVariable(VariableName.Tx, "blocking_paranoia_level")], setVar.Value.Segments);
    }

    [Fact]
    public void Parse_Rule901200_SecActionWithEveryScoreReset()
    {
        var rule = crs.Rule(901200);
        var file = Path.Combine(CrsLocation.V4Rules, "REQUEST-901-INITIALIZATION.conf");
        var written = DirectiveText(file, 901200);

        Assert.Equal(RuleKind.SecAction, rule.Kind);
        Assert.Empty(rule.Variables);
        Assert.Null(rule.Operator);
        var setVars = rule.Actions.Where(a => a.Name == ActionName.SetVar).Select(a => a.Assignment!).ToArray();
        Assert.Equal(CountOccurrences(written, "setvar:"), setVars.Length);
        Assert.All(setVars, s => Assert.Equal((VariableName.Tx, AssignmentMode.Set, "0"), (s.Collection, s.Mode, s.Value.Text)));
        Assert.Contains(setVars, s => s.Key.Text == "inbound_anomaly_score_pl1");
    }

    [Fact]
    public void Parse_Rule942011_SkipAfterNamesAMarkerDefinedLater()
    {
        var rule = crs.Rule(942011);
        var items = crs.Configuration.Items;

        Assert.Equal("END-REQUEST-942-APPLICATION-ATTACK-SQLI", rule.SkipAfter);
        Assert.Equal(OperatorName.Lt, rule.Operator!.Name);
        Assert.Equal("TX:DETECTION_PARANOIA_LEVEL", rule.Variables[0].ToString());
        var ruleIndex = items.ToList().IndexOf(rule);
        var markerIndex = items.ToList().FindIndex(i => i is MarkerDefinition { Name: "END-REQUEST-942-APPLICATION-ATTACK-SQLI" });
        Assert.True(markerIndex > ruleIndex, "the marker follows the rule");
    }

    [Fact]
    public void Parse_BaseConfigurationRule200003_ContinuedMessageWithEveryMultipartFlag()
    {
        var message = crs.Rule(200003).Message!;

        var variables = message.Segments.Where(s => !s.IsLiteral).Select(s => s.Variable).ToArray();
        Assert.Equal(12, variables.Length);
        Assert.Contains(VariableName.MultipartFileLimitExceeded, variables);
        Assert.Contains(VariableName.ReqbodyProcessorError, variables);
        Assert.StartsWith("Multipart request body failed strict validation: ", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\", message.Text, StringComparison.Ordinal);
        Assert.Equal(400, crs.Rule(200003).Status);
        Assert.Equal(DisruptiveAction.Deny, crs.Rule(200003).Disruptive);
    }

    [Fact]
    public void Parse_BaseConfigurationRule200005_RegexSelectorOnTx()
    {
        var target = Assert.Single(crs.Rule(200005).Variables);

        Assert.Equal((VariableName.Tx, VariableSelectorKind.Regex, "^MSC_"), (target.Name, target.SelectorKind, target.Selector));
        Assert.Equal(OperatorName.StrEq, crs.Rule(200005).Operator!.Name);
    }

    // Line of the SecRule/SecAction that carries "id:<id>" (searched backwards from the id), 1-based.
    private static int LineOfRuleStart(string file, int id)
    {
        var lines = File.ReadAllLines(file);
        var idLine = Array.FindIndex(lines, l => l.Contains($"id:{id},", StringComparison.Ordinal) || l.Contains($"\"id:{id}", StringComparison.Ordinal));
        for (var i = idLine; i >= 0; i--)
        {
            if (lines[i].StartsWith("SecRule", StringComparison.Ordinal) || lines[i].StartsWith("SecAction", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        throw new InvalidOperationException($"rule {id} not found in {file}");
    }

    // The rule's text from its first line to the first line that does not end in a backslash.
    private static string DirectiveText(string file, int id)
    {
        var lines = File.ReadAllLines(file);
        var first = LineOfRuleStart(file, id) - 1;
        var last = first;
        while (lines[last].TrimEnd().EndsWith('\\'))
        {
            last++;
        }

        return string.Join('\n', lines[first..(last + 1)]);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
