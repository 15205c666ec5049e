using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>
/// SecRuleRemoveBy*, SecRuleUpdateTargetBy* and SecRuleUpdateActionById are recorded in order and, when resolved,
/// change only the rules defined before them.
/// </summary>
public sealed class ConfigurationTimeExclusionTests
{
    [Fact]
    public void ResolveRulesAndMarkers_RemoveById_RemovesOnlyRulesDefinedBefore()
    {
        var configuration = SecLangText.Load("""
            SecAction "id:1,pass"
            SecAction "id:2,pass"
            SecMarker BETWEEN
            SecAction "id:5,pass"
            SecRuleRemoveById 2 4-6
            SecAction "id:6,pass"
            """);

        var resolved = configuration.ResolveRulesAndMarkers();

        Assert.Equal(["rule 1", "marker BETWEEN", "rule 6"], resolved.Select(Describe));
        Assert.Equal(4, configuration.Rules.Count);
        var removal = Assert.IsType<RuleRemoval>(configuration.Items[4]);
        Assert.Equal([new RuleIdRange(2, 2), new RuleIdRange(4, 6)], removal.Filter.Ids);
    }

    [Fact]
    public void ResolveRulesAndMarkers_RemoveByTagAndMsg_RegexOverTagsAndMessage()
    {
        var configuration = SecLangText.Load("""
            SecAction "id:1,pass,tag:'attack-sqli',tag:'OWASP_CRS'"
            SecAction "id:2,pass,tag:'attack-xss'"
            SecAction "id:3,pass,msg:'Remote Command Execution: Unix Shell Code'"
            SecAction "id:4,pass,msg:'PHP Injection'"
            SecRuleRemoveByTag "^attack-sql"
            SecRuleRemoveByMsg "Command Execution"
            """);

        Assert.Equal(["rule 2", "rule 4"], configuration.ResolveRulesAndMarkers().Select(Describe));
    }

    [Fact]
    public void ResolveRulesAndMarkers_UpdateTargetById_AddsExclusionsAndNewTargets()
    {
        var configuration = SecLangText.Load("""
            SecRule ARGS|REQUEST_COOKIES "@rx a" "id:10,pass"
            SecRuleUpdateTargetById 10 "!ARGS:password|!REQUEST_COOKIES:/^_ga/"
            SecRuleUpdateTargetById 10 REQUEST_HEADERS:Referer
            SecRuleUpdateTargetById 10 !ARGS:password
            """);

        var rule = Assert.IsType<RuleDefinition>(Assert.Single(configuration.ResolveRulesAndMarkers()));

        Assert.Equal(["ARGS", "REQUEST_COOKIES", "!ARGS:password", "!REQUEST_COOKIES:/^_ga/", "REQUEST_HEADERS:Referer"], rule.Variables.Select(v => v.ToString()));
        Assert.Equal(["ARGS", "REQUEST_COOKIES"], configuration.Rules[0].Variables.Select(v => v.ToString()));
    }

    [Fact]
    public void ResolveRulesAndMarkers_UpdateTargetWithReplacedTarget_ReplacesInPlace()
    {
        var configuration = SecLangText.Load("""
            SecRule REQUEST_URI|ARGS "@rx a" "id:10,pass"
            SecRuleUpdateTargetById 10 REQUEST_FILENAME|REQUEST_BASENAME REQUEST_URI
            """);

        var rule = Assert.IsType<RuleDefinition>(Assert.Single(configuration.ResolveRulesAndMarkers()));

        Assert.Equal(["REQUEST_FILENAME", "REQUEST_BASENAME", "ARGS"], rule.Variables.Select(v => v.ToString()));
    }

    [Fact]
    public void ResolveRulesAndMarkers_UpdateTargetByTag_EveryTaggedRuleBefore()
    {
        var configuration = SecLangText.Load("""
            SecRule ARGS "@rx a" "id:1,pass,tag:'attack-sqli'"
            SecRule ARGS "@rx a" "id:2,pass,tag:'attack-xss'"
            SecRuleUpdateTargetByTag "attack-sqli" "!ARGS:q"
            SecRule ARGS "@rx a" "id:3,pass,tag:'attack-sqli'"
            """);

        var rules = configuration.ResolveRulesAndMarkers().Cast<RuleDefinition>().ToDictionary(r => r.Id!.Value);

        Assert.Equal(2, rules[1].Variables.Count);
        Assert.Single(rules[2].Variables);
        Assert.Single(rules[3].Variables);
    }

    [Fact]
    public void ResolveRulesAndMarkers_UpdateActionById_ReplacesSingleValuedAndAppendsRepeatable()
    {
        var configuration = SecLangText.Load("""
            SecRule ARGS "@rx a" "id:7,phase:2,block,log,msg:'old',severity:2,tag:'one',t:none,t:lowercase"
            SecRuleUpdateActionById 7 "pass,nolog,msg:'new',tag:'two',t:urlDecode"
            """);

        var rule = Assert.IsType<RuleDefinition>(Assert.Single(configuration.ResolveRulesAndMarkers()));

        Assert.Equal((7, 2, DisruptiveAction.Pass, false, "new", 2), (rule.Id!.Value, rule.Phase, rule.Disruptive, rule.Log!.Value, rule.Message!.Text, rule.Severity!.Value));
        Assert.Equal(["one", "two"], rule.Tags);
        Assert.Equal([TransformationName.Lowercase, TransformationName.UrlDecode], rule.Transformations);
        Assert.Equal(DisruptiveAction.Block, configuration.Rules[0].Disruptive);
    }

    [Fact]
    public void ResolveRulesAndMarkers_ChainStarterUpdated_SubRulesKept()
    {
        var configuration = SecLangText.Load("""
            SecRule ARGS "@rx a" "id:7,deny,chain"
                SecRule ARGS_NAMES "@rx b" "t:none"
            SecRuleUpdateTargetById 7 "!ARGS:x"
            SecRuleUpdateActionById 7 "pass"
            """);

        var rule = Assert.IsType<RuleDefinition>(Assert.Single(configuration.ResolveRulesAndMarkers()));

        Assert.Equal(DisruptiveAction.Pass, rule.Disruptive);
        Assert.Equal(2, rule.Variables.Count);
        Assert.Equal("ARGS_NAMES", Assert.Single(rule.ChainedRules).Variables[0].ToString());
    }

    [Fact]
    public void Parse_ExclusionItems_RecordedInConfigurationOrder()
    {
        var configuration = SecLangText.Load("""
            SecAction "id:1,pass,tag:'t'"
            SecRuleRemoveByTag t
            SecRuleUpdateTargetByMsg "^x" "!ARGS:a"
            SecRuleUpdateActionById 1 "deny"
            """);

        Assert.Equal([typeof(RuleDefinition), typeof(RuleRemoval), typeof(RuleTargetUpdate), typeof(RuleActionUpdate)], configuration.Items.Select(i => i.GetType()));
        Assert.Equal(RuleFilterKind.Msg, ((RuleTargetUpdate)configuration.Items[2]).Filter.Kind);
    }

    [Fact]
    public void RuleFilterMatches_CtlRemoveByTagAgainstAParsedRule_UsableAtRunTime()
    {
        var configuration = SecLangText.Load("""
            SecRule REQUEST_URI "@beginsWith /admin" "id:1,phase:1,pass,nolog,ctl:ruleRemoveByTag=attack-sqli"
            SecRule ARGS "@rx a" "id:2,pass,tag:'attack-sqli'"
            """);

        var filter = configuration.Rules[0].Actions.Single(a => a.Name == ActionName.Ctl).Control!.Filter!;

        Assert.False(filter.Matches(configuration.Rules[0]));
        Assert.True(filter.Matches(configuration.Rules[1]));
    }

    private static string Describe(ConfigurationItem item) => item switch
    {
        RuleDefinition rule => $"rule {rule.Id}",
        MarkerDefinition marker => $"marker {marker.Name}",
        _ => item.GetType().Name,
    };
}
