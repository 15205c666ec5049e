using System.Text;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// The ctl kinds CRS and its exclusion packages use, each changing only the current transaction (reference manual,
/// "ctl"): rule removal by id (with ranges) and tag, target removal by id and tag, rule engine, body processor and
/// body access.
/// </summary>
public sealed class ControlActionTests
{
    [Theory]
    [InlineData("/admin/users", new[] { 1, 15, 30 })]
    [InlineData("/public", new[] { 10, 15, 25, 30 })]
    public void RuleRemoveById_SingleIdAndRange_RemovesOnlyThoseRulesForThisTransaction(string path, int[] expected)
    {
        const string Rules = """
            SecRule REQUEST_FILENAME "@beginsWith /admin" "id:1,phase:1,pass,nolog,ctl:ruleRemoveById=10,ctl:ruleRemoveById=20-29"
            SecAction "id:10,phase:1,pass,nolog"
            SecAction "id:15,phase:1,pass,nolog"
            SecAction "id:25,phase:2,pass,nolog"
            SecAction "id:30,phase:2,pass,nolog"
            """;
        var engine = InlineEngine.Load(Rules);

        using var transaction = EngineExchange.Get(path).Run(engine);
        using var next = EngineExchange.Get("/public").Run(engine);

        Assert.Equal(expected, transaction.MatchedIds());
        Assert.Equal([10, 15, 25, 30], next.MatchedIds());
    }

    [Fact]
    public void RuleRemoveByTag_Tag_RemovesTaggedRulesOnly()
    {
        const string Rules = """
            SecRule REQUEST_FILENAME "@beginsWith /api" "id:1,phase:1,pass,nolog,ctl:ruleRemoveByTag=attack-sqli"
            SecRule ARGS "@contains x" "id:2,phase:2,pass,nolog,tag:'application-multi',tag:'attack-sqli'"
            SecRule ARGS "@contains x" "id:3,phase:2,pass,nolog,tag:'attack-xss'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/api/v1?a=x"));

        Assert.Equal([1, 3], transaction.MatchedIds());
    }

    [Fact]
    public void RuleRemoveTargetById_NamedArgument_OnlyThatArgumentIgnoredByThatRule()
    {
        const string Rules = """
            SecRule REQUEST_FILENAME "@streq /login" "id:1,phase:1,pass,nolog,ctl:ruleRemoveTargetById=100;ARGS:password"
            SecRule ARGS "@contains '" "id:100,phase:2,pass,log,logdata:'%{MATCHED_VAR_NAME}'"
            SecRule ARGS "@contains '" "id:101,phase:2,pass,nolog"
            """;

        using var onlyPassword = InlineEngine.Run(Rules, EngineExchange.Get("/login?password=a'b&user=ok"));
        using var both = InlineEngine.Run(Rules, EngineExchange.Get("/login?password=a'b&user=o'k"));
        using var elsewhere = InlineEngine.Run(Rules, EngineExchange.Get("/other?password=a'b"));

        Assert.Equal([1, 101], onlyPassword.MatchedIds());
        Assert.Equal("ARGS:user", both.DataOf(100));
        Assert.Equal([100, 101], elsewhere.MatchedIds());
    }

    [Fact]
    public void RuleRemoveTargetByTag_NamedArgument_IgnoredByEveryTaggedRule()
    {
        const string Rules = """
            SecRule REQUEST_FILENAME "@streq /comment" "id:1,phase:1,pass,nolog,ctl:ruleRemoveTargetByTag=attack-xss;ARGS:body"
            SecRule ARGS "@contains <" "id:100,phase:2,pass,nolog,tag:'attack-xss'"
            SecRule ARGS "@contains <" "id:101,phase:2,pass,nolog,tag:'attack-xss'"
            SecRule ARGS "@contains <" "id:102,phase:2,pass,nolog,tag:'attack-generic'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/comment?body=%3Cb%3Ehi"));

        Assert.Equal([1, 102], transaction.MatchedIds());
    }

    [Fact]
    public void RuleRemoveTargetById_RegexSelector_RemovesEveryMatchingMember()
    {
        // The form CRS's exclusion packages use for families of cookies, e.g. REQUEST_COOKIES:/^__utm/.
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,ctl:ruleRemoveTargetById=100;REQUEST_COOKIES:/^__utm/"
            SecRule REQUEST_COOKIES "@contains '" "id:100,phase:1,pass,log,logdata:'%{MATCHED_VAR_NAME}'"
            """;

        using var excluded = InlineEngine.Run(Rules, EngineExchange.Get("/").WithHeader("Cookie", "__utma=a'b; __utmz=c'd"));
        using var kept = InlineEngine.Run(Rules, EngineExchange.Get("/").WithHeader("Cookie", "__utma=a'b; session=e'f"));

        Assert.Equal([1], excluded.MatchedIds());
        Assert.Equal("REQUEST_COOKIES:session", kept.DataOf(100));
    }

    [Fact]
    public void SecRuleUpdateTargetById_ExclusionAddedAtConfigurationTime_AppliesToEveryTransaction()
    {
        const string Rules = """
            SecRule ARGS "@contains '" "id:100,phase:1,pass,log,logdata:'%{MATCHED_VAR_NAME}'"
            SecRuleUpdateTargetById 100 "!ARGS:password"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?password=a'b&user=c'd"));

        Assert.Equal("ARGS:user", transaction.DataOf(100));
    }

    [Fact]
    public void RuleRemoveById_LaterRuleOfTheSamePhase_IsRemoved()
    {
        const string Rules = """
            SecRule ARGS:skip "@streq yes" "id:1,phase:2,pass,nolog,ctl:ruleRemoveById=3"
            SecAction "id:2,phase:2,pass,nolog"
            SecAction "id:3,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?skip=yes"));

        Assert.Equal([1, 2], transaction.MatchedIds());
    }

    [Fact]
    public void RuleEngine_DetectionOnlyFromPhase1_LaterDenyLogsButDoesNotInterrupt()
    {
        const string Rules = """
            SecRuleEngine On
            SecRule REQUEST_HEADERS:X-Mode "@streq monitor" "id:1,phase:1,pass,nolog,ctl:ruleEngine=DetectionOnly"
            SecRule ARGS:a "@streq bad" "id:2,phase:2,deny,status:403,log"
            """;
        var engine = InlineEngine.Load(Rules);

        using var monitored = EngineExchange.Get("/?a=bad").WithHeader("X-Mode", "monitor").Run(engine);
        using var enforced = EngineExchange.Get("/?a=bad").Run(engine);

        Assert.Equal([1, 2], monitored.MatchedIds());
        Assert.Null(monitored.Intervention);
        Assert.Equal(Palisade.Waf.SecLang.Model.RuleEngineMode.DetectionOnly, monitored.Mode);
        Assert.Equal(403, enforced.Intervention?.Status);
    }

    [Fact]
    public void RuleEngine_OffFromPhase1_LaterPhasesDoNotRun()
    {
        const string Rules = """
            SecRule REQUEST_HEADERS:X-Mode "@streq off" "id:1,phase:1,pass,nolog,ctl:ruleEngine=Off"
            SecAction "id:2,phase:2,deny,status:403,log"
            SecAction "id:3,phase:3,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/").WithHeader("X-Mode", "off"));

        Assert.Equal([1], transaction.MatchedIds());
        Assert.Null(transaction.Intervention);
    }

    [Fact]
    public void RequestBodyProcessor_UrlencodedForcedOnTextPlain_BodyParsedIntoArgsPost()
    {
        const string Rules = """
            SecRequestBodyAccess On
            SecRule REQUEST_HEADERS:Content-Type "@beginsWith text/plain" "id:1,phase:1,pass,nolog,ctl:requestBodyProcessor=URLENCODED"
            SecRule ARGS_POST:a "@streq 1" "id:2,phase:2,pass,nolog"
            SecRule REQBODY_PROCESSOR "@streq URLENCODED" "id:3,phase:2,pass,nolog"
            """;

        using var forced = InlineEngine.Run(Rules, EngineExchange.Post("/", "text/plain", Encoding.ASCII.GetBytes("a=1&b=2")));
        using var plain = InlineEngine.Run(Rules.Replace("ctl:requestBodyProcessor=URLENCODED", "t:none", StringComparison.Ordinal), EngineExchange.Post("/", "text/plain", Encoding.ASCII.GetBytes("a=1&b=2")));

        Assert.Equal([1, 2, 3], forced.MatchedIds());
        Assert.Equal([1], plain.MatchedIds());
    }

    [Fact]
    public void RequestBodyAccess_SwitchedPerTransaction_BodyInspectedOnlyWhenOn()
    {
        const string Rules = """
            SecRequestBodyAccess Off
            SecRule REQUEST_FILENAME "@streq /inspect" "id:1,phase:1,pass,nolog,ctl:requestBodyAccess=On"
            SecRule REQUEST_FILENAME "@streq /skip" "id:2,phase:1,pass,nolog,ctl:requestBodyAccess=Off"
            SecRule ARGS_POST:a "@streq 1" "id:3,phase:2,pass,nolog"
            """;
        var engine = InlineEngine.Load(Rules);

        using var inspected = EngineExchange.PostForm("/inspect", "a=1").Run(engine);
        using var skipped = EngineExchange.PostForm("/skip", "a=1").Run(engine);
        using var byDefault = EngineExchange.PostForm("/other", "a=1").Run(engine);

        Assert.Equal([1, 3], inspected.MatchedIds());
        Assert.Equal([2], skipped.MatchedIds());
        Assert.Empty(byDefault.MatchedIds());
    }
}
