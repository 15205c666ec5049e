using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>SecRule's three parts: targets, operator and actions, in the forms CRS and the base configuration use.</summary>
public sealed class RuleSyntaxTests
{
    [Fact]
    public void Parse_TargetForms_CountExclusionKeyRegexAndXPath()
    {
        var rule = SecLangText.Rule(
            "SecRule \"REQUEST_COOKIES:/__utm/|ARGS:foo|!REQUEST_HEADERS:Referer|&TX:foo|XML:/*|ARGS:'a b'|REQUEST_COOKIES:/^(?:x|y)$/|ARGS_NAMES\" \"@rx a\" \"id:1,pass\"");

        Assert.Equal(
            [
                (VariableName.RequestCookies, "__utm", VariableSelectorKind.Regex, false, false),
                (VariableName.Args, "foo", VariableSelectorKind.Key, false, false),
                (VariableName.RequestHeaders, "Referer", VariableSelectorKind.Key, false, true),
                (VariableName.Tx, "foo", VariableSelectorKind.Key, true, false),
                (VariableName.Xml, "/*", VariableSelectorKind.XPath, false, false),
                (VariableName.Args, "a b", VariableSelectorKind.Key, false, false),
                (VariableName.RequestCookies, "^(?:x|y)$", VariableSelectorKind.Regex, false, false),
                (VariableName.ArgsNames, null, VariableSelectorKind.None, false, false),
            ],
            rule.Variables.Select(v => (v.Name, v.Selector, v.SelectorKind, v.IsCount, v.IsExclusion)));
    }

    [Fact]
    public void Parse_TargetLocations_PointAtEachVariable()
    {
        var rule = SecLangText.Rule("SecRule ARGS|!ARGS:x \"@rx a\" \"id:1,pass\"");

        Assert.Equal([9, 14], rule.Variables.Select(v => v.Location.Column));
    }

    [Fact]
    public void Parse_BarePattern_IsImplicitRx()
    {
        var rule = SecLangText.Rule("SecRule ARGS \"!^[a-z]+$\" \"id:1,pass\"");

        Assert.Equal((OperatorName.Rx, true, true, "^[a-z]+$"), (rule.Operator!.Name, rule.Operator.IsNegated, rule.Operator.IsImplicit, rule.Operator.Argument));
    }

    [Fact]
    public void Parse_OperatorArgumentWithMacro_SplitForRunTimeExpansion()
    {
        var rule = SecLangText.Rule("SecRule REQUEST_METHOD \"!@within %{tx.allowed_methods}\" \"id:1,pass\"");

        Assert.False(rule.Operator!.ArgumentMacro.IsConstant);
        Assert.Equal([MacroSegment.FromVariable(VariableName.Tx, "allowed_methods")], rule.Operator.ArgumentMacro.Segments);
    }

    [Fact]
    public void Parse_OperatorAliases_MapToOneOperator()
    {
        var configuration = SecLangText.Load(
            "SecRule ARGS \"@pmf data.txt\" \"id:1,pass\"\nSecRule REMOTE_ADDR \"@ipMatchF ips.txt\" \"id:2,pass\"",
            new Palisade.Waf.SecLang.InMemoryRuleFileSystem([new("/rules/data.txt", "a\n"), new("/rules/ips.txt", "10.0.0.0/8\n")]));

        Assert.Equal((OperatorName.PmFromFile, "/rules/data.txt"), (configuration.Rules[0].Operator!.Name, configuration.Rules[0].Operator!.DataFiles.Single()));
        Assert.Equal(OperatorName.IpMatchFromFile, configuration.Rules[1].Operator!.Name);
    }

    [Fact]
    public void Parse_SetVarForms_EveryMode()
    {
        var rule = SecLangText.Rule("SecAction \"id:1,pass,setvar:tx.a=1,setvar:'tx.b=+%{tx.c}',setvar:tx.d=-2,setvar:!tx.e,setvar:tx.f,setvar:ip.g=x\"");

        Assert.Equal(
            [
                (VariableName.Tx, "a", AssignmentMode.Set, "1"),
                (VariableName.Tx, "b", AssignmentMode.Add, "%{tx.c}"),
                (VariableName.Tx, "d", AssignmentMode.Subtract, "2"),
                (VariableName.Tx, "e", AssignmentMode.Delete, ""),
                (VariableName.Tx, "f", AssignmentMode.SetToOne, ""),
                (VariableName.Ip, "g", AssignmentMode.Set, "x"),
            ],
            rule.Actions.Where(a => a.Name == ActionName.SetVar).Select(a => (a.Assignment!.Collection, a.Assignment.Key.Text, a.Assignment.Mode, a.Assignment.Value.Text)));
    }

    [Fact]
    public void Parse_SetVarKeyWithMacro_KeySplitIntoSegments()
    {
        // CRS 3.3.4 writes per-rule keys like this.
        var rule = SecLangText.Rule("SecAction \"id:1,pass,setvar:'tx.%{rule.id}-WEB_ATTACK/XSS-%{matched_var_name}=%{tx.0}'\"");

        var assignment = rule.Actions.Single(a => a.Name == ActionName.SetVar).Assignment!;
        Assert.Equal(
            [MacroSegment.FromVariable(VariableName.Rule, "id"), MacroSegment.FromLiteral("-WEB_ATTACK/XSS-"), MacroSegment.FromVariable(VariableName.MatchedVarName, null)],
            assignment.Key.Segments);
    }

    [Fact]
    public void Parse_CtlKinds_ValuesTyped()
    {
        var rule = SecLangText.Rule(
            "SecAction \"id:1,pass,ctl:ruleRemoveTargetById=942100;ARGS:foo,ctl:ruleRemoveById=942100-942999,ctl:ruleEngine=off," +
            "ctl:requestBodyProcessor=json,ctl:auditLogParts=+E,ctl:ruleRemoveTargetByTag=attack-sqli;ARGS:/^pass/,ctl:requestBodyAccess=Off,ctl:requestBodyLimit=1000\"");

        var controls = rule.Actions.Select(a => a.Control!).ToArray()[2..];
        Assert.Equal(ControlKind.RuleRemoveTargetById, controls[0].Kind);
        Assert.Equal([new RuleIdRange(942100, 942100)], controls[0].Filter!.Ids);
        Assert.Equal("ARGS:foo", Assert.Single(controls[0].Targets).ToString());
        Assert.Equal([new RuleIdRange(942100, 942999)], controls[1].Filter!.Ids);
        Assert.Equal(RuleEngineMode.Off, controls[2].RuleEngine);
        Assert.Equal("JSON", controls[3].BodyProcessor);
        Assert.Equal("+E", controls[4].AuditLogParts);
        Assert.Equal((RuleFilterKind.Tag, "attack-sqli"), (controls[5].Filter!.Kind, controls[5].Filter!.Pattern));
        Assert.Equal(VariableSelectorKind.Regex, controls[5].Targets[0].SelectorKind);
        Assert.False(controls[6].Enabled);
        Assert.Equal(1000, controls[7].Limit);
    }

    [Theory]
    [InlineData("phase:request", 2)]
    [InlineData("phase:response", 4)]
    [InlineData("phase:logging", 5)]
    [InlineData("phase:3", 3)]
    public void Parse_PhaseNames_MapToNumbers(string phase, int expected)
    {
        Assert.Equal(expected, SecLangText.Rule($"SecAction \"id:1,pass,{phase}\"").Phase);
    }

    [Theory]
    [InlineData("severity:'CRITICAL'", 2)]
    [InlineData("severity:warning", 4)]
    [InlineData("severity:2", 2)]
    [InlineData("severity:7", 7)]
    public void Parse_SeverityNamesAndNumbers_SameScale(string severity, int expected)
    {
        Assert.Equal(expected, SecLangText.Rule($"SecAction \"id:1,pass,{severity}\"").Severity);
    }

    [Fact]
    public void Parse_NoPhase_DefaultsToRequestBodyPhase()
    {
        Assert.Equal(RuleDefinition.DefaultPhase, SecLangText.Rule("SecAction \"id:1,pass\"").Phase);
    }

    [Fact]
    public void Parse_TransformationsAfterNone_OnlyThoseKept()
    {
        var rule = SecLangText.Rule("SecRule ARGS \"@rx a\" \"id:1,pass,t:lowercase,t:none,t:urlDecodeUni,t:normalisePath,t:base64decode\"");

        Assert.True(rule.ClearsDefaultTransformations);
        Assert.Equal([TransformationName.UrlDecodeUni, TransformationName.NormalizePath, TransformationName.Base64Decode], rule.Transformations);
    }

    [Fact]
    public void Parse_DisruptiveActions_LastOneWins()
    {
        Assert.Equal(DisruptiveAction.Deny, SecLangText.Rule("SecAction \"id:1,pass,deny,status:403\"").Disruptive);
        var allow = SecLangText.Rule("SecAction \"id:1,allow:phase\"");
        Assert.Equal((DisruptiveAction.Allow, AllowScope.Phase), (allow.Disruptive, allow.AllowScope));
        var redirect = SecLangText.Rule("SecAction \"id:1,redirect:'http://%{request_headers.host}/'\"");
        Assert.Equal(DisruptiveAction.Redirect, redirect.Disruptive);
        Assert.False(redirect.RedirectUrl!.IsConstant);
    }

    [Fact]
    public void Parse_CollectionActions_Typed()
    {
        var rule = SecLangText.Rule(
            "SecAction \"id:1,pass,initcol:ip=%{remote_addr}_%{tx.ua_hash},expirevar:ip.dos_block=%{tx.dos_block_timeout},setenv:flag=1,setuid:%{args.user},accuracy:9,maturity:3,rev:2,ver:x,xmlns:soap=http://schemas.xmlsoap.org/soap/envelope/\"");

        var init = rule.Actions.Single(a => a.Name == ActionName.InitCol).Assignment!;
        Assert.Equal((VariableName.Ip, 3), (init.Collection, init.Value.Segments.Count));
        var expire = rule.Actions.Single(a => a.Name == ActionName.ExpireVar).Assignment!;
        Assert.Equal((VariableName.Ip, "dos_block"), (expire.Collection, expire.Key.Text));
        Assert.Equal(VariableName.Env, rule.Actions.Single(a => a.Name == ActionName.SetEnv).Assignment!.Collection);
        Assert.Equal((9, 3, "2", "x"), (rule.Accuracy, rule.Maturity, rule.Revision, rule.Version));
    }

    [Fact]
    public void Parse_SecDefaultActionPerPhase_RecordedWithItsDisruptiveAction()
    {
        var configuration = SecLangText.Load("SecDefaultAction \"phase:1,log,auditlog,pass\"\nSecDefaultAction \"phase:2,log,auditlog,deny,status:403,t:lowercase,tag:'site'\"");

        Assert.Equal(DisruptiveAction.Pass, configuration.DefaultActions[1].Disruptive);
        Assert.Equal(DisruptiveAction.Deny, configuration.DefaultActions[2].Disruptive);
        Assert.Contains(configuration.DefaultActions[2].Actions, a => a.Transformation == TransformationName.Lowercase);
    }

    [Fact]
    public void Parse_TagWithMacro_TextSplitTagKeptAsWritten()
    {
        var rule = SecLangText.Rule("SecAction \"id:1,pass,tag:'Host: %{request_headers.host}'\"");

        Assert.Equal(["Host: %{request_headers.host}"], rule.Tags);
        var tag = rule.Actions.Single(a => a.Name == ActionName.Tag).Text!;
        Assert.Equal([MacroSegment.FromLiteral("Host: "), MacroSegment.FromVariable(VariableName.RequestHeaders, "host")], tag.Segments);
    }
}
