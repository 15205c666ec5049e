namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Chains, capture, skip, skipAfter with SecMarker, setvar in all its forms and macro expansion in msg/logdata, as the
/// reference manual's "Actions" section documents them.
/// </summary>
public sealed class RuleFlowTests
{
    private const string ChainRules = """
        SecRuleEngine On
        SecRule REQUEST_METHOD "@streq POST" "id:1,phase:1,deny,status:403,log,chain"
            SecRule ARGS:a "@streq x" "chain"
            SecRule REQUEST_HEADERS:X-Flag "@streq on"
        """;

    [Fact]
    public void Chain_EveryLinkMatches_RuleMatchesOnceAndDenies()
    {
        using var transaction = InlineEngine.Run(ChainRules, EngineExchange.Get("/?a=x").WithHeader("X-Flag", "on") with { Method = "POST" });

        Assert.Equal([1], transaction.MatchedIds());
        Assert.Equal(403, transaction.Intervention?.Status);
    }

    [Theory]
    [InlineData("GET", "/?a=x", "on")]
    [InlineData("POST", "/?a=y", "on")]
    [InlineData("POST", "/?a=x", "off")]
    public void Chain_OneLinkFails_NoMatchAndNoIntervention(string method, string target, string flag)
    {
        using var transaction = InlineEngine.Run(ChainRules, EngineExchange.Get(target).WithHeader("X-Flag", flag) with { Method = method });

        Assert.Empty(transaction.MatchedIds());
        Assert.Null(transaction.Intervention);
    }

    [Fact]
    public void Chain_SetvarInAMatchingLink_RunsEvenWhenALaterLinkFails()
    {
        // Reference manual, chain: "Non-disruptive rule actions can be used in any rule; they will be executed if the
        // rule that contains them matches and not only when the entire chain matches."
        const string Rules = """
            SecRule ARGS:a "@streq x" "id:1,phase:1,pass,nolog,chain,setvar:tx.first=1"
                SecRule ARGS:b "@streq y" "setvar:tx.second=1"
            SecRule TX:first "@eq 1" "id:2,phase:1,pass,nolog"
            SecRule &TX:second "@eq 0" "id:3,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=x&b=z"));

        Assert.Equal([2, 3], transaction.MatchedIds());
    }

    [Fact]
    public void Capture_RegexGroups_LandInTxAndFeedTheChainedRule()
    {
        const string Rules = """
            SecRule ARGS:order "@rx ^([a-z]+)-(\d+)$" "id:1,phase:1,pass,log,capture,chain,logdata:'%{TX.0}|%{TX.1}|%{tx.2}'"
                SecRule TX:2 "@gt 100"
            """;

        using var big = InlineEngine.Run(Rules, EngineExchange.Get("/?order=book-250"));
        using var small = InlineEngine.Run(Rules, EngineExchange.Get("/?order=book-50"));

        Assert.Equal("book-250|book|250", big.DataOf(1));
        Assert.False(small.Matched(1));
    }

    [Fact]
    public void Skip_Two_SkipsTheNextRuleAndTheNextChain()
    {
        // skip: "Skips one or more rules (or chains) on successful match."
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,skip:2"
            SecAction "id:2,phase:1,pass,nolog"
            SecRule REQUEST_METHOD "@streq GET" "id:3,phase:1,pass,nolog,chain"
                SecRule REQUEST_METHOD "@streq GET"
            SecAction "id:4,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 4], transaction.MatchedIds());
    }

    [Theory]
    [InlineData("fast", new[] { 1, 4, 3 })]
    [InlineData("slow", new[] { 2, 4, 3 })]
    public void SkipAfter_Marker_ResumesAfterTheMarkerInTheSamePhaseOnly(string mode, int[] expected)
    {
        const string Rules = """
            SecRule ARGS:mode "@streq fast" "id:1,phase:1,pass,nolog,skipAfter:END_CHECKS"
            SecAction "id:2,phase:1,pass,nolog"
            SecAction "id:3,phase:2,pass,nolog"
            SecMarker END_CHECKS
            SecAction "id:4,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?mode=" + mode));

        Assert.Equal(expected, transaction.MatchedIds());
    }

    [Fact]
    public void Setvar_AssignAddSubtractFlagDelete_AsDocumented()
    {
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,setvar:tx.score=5,setvar:tx.score=+3,setvar:tx.score=-10,setvar:tx.flag,setvar:tx.gone=1,setvar:!tx.gone,setvar:tx.fresh=+4"
            SecRule TX:score "@eq -2" "id:2,phase:1,pass,nolog"
            SecRule TX:flag "@eq 1" "id:3,phase:1,pass,nolog"
            SecRule &TX:gone "@eq 0" "id:4,phase:1,pass,nolog"
            SecRule TX:fresh "@eq 4" "id:5,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 2, 3, 4, 5], transaction.MatchedIds());
    }

    [Fact]
    public void Setvar_MacroKeysAndValues_ExpandedWhenTheRuleMatches()
    {
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,setvar:tx.base=7"
            SecAction "id:2,phase:1,pass,nolog,setvar:'tx.note_%{rule.id}=%{tx.base} points'"
            SecRule TX:note_2 "@streq 7 points" "id:3,phase:1,pass,nolog"
            SecRule ARGS:user "@rx ^adm" "id:4,phase:1,pass,nolog,setvar:'tx.seen_%{MATCHED_VAR}=%{MATCHED_VAR_NAME}'"
            SecRule TX:seen_admin "@streq ARGS:user" "id:5,phase:1,pass,nolog"
            SecAction "id:6,phase:1,pass,nolog,setvar:tx.total=+%{tx.base}"
            SecRule TX:total "@eq 7" "id:7,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?user=admin"));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], transaction.MatchedIds());
    }

    [Fact]
    public void Setvar_RuleMatchesSeveralArguments_RunsOncePerMatchedValue()
    {
        // ModSecurity runs a rule's non-disruptive actions for every value that matches: v2 calls
        // msre_perform_nondisruptive_actions from execute_operator per target, libmodsecurity 3 calls
        // executeActionsIndependentOfChainedRuleResult inside the per-variable loop of RuleWithOperator::evaluate,
        // and Coraza runs them in matchVariable. CRS's anomaly score therefore grows with every matching argument.
        const string Rules = """
            SecRule ARGS "@contains attack" "id:1,phase:1,pass,nolog,setvar:tx.hits=+1,setvar:'tx.hit_%{MATCHED_VAR}=1'"
            SecRule TX:hits "@eq 3" "id:2,phase:1,pass,nolog"
            SecRule &TX:/^hit_attack/ "@eq 3" "id:3,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=attack1&b=clean&c=attack2&d=attack3"));

        Assert.Equal([1, 2, 3], transaction.MatchedIds());
    }

    [Fact]
    public void MsgAndLogdata_Macros_ExpandedWithTheMatch()
    {
        // The CRS idiom: logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}'.
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,setvar:tx.paranoia=2"
            SecRule ARGS "@rx (?i)union\s+select" "id:2,phase:1,pass,log,capture,t:none,msg:'SQLi at PL %{tx.paranoia} in %{MATCHED_VAR_NAME}',logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?q=1+UNION++SELECT+pass"));

        var match = transaction.MatchOf(2);
        Assert.Equal("SQLi at PL 2 in ARGS:q", match.Message);
        Assert.Equal("Matched Data: UNION  SELECT found within ARGS:q: 1 UNION  SELECT pass", match.Data);
    }
}
