using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// SecRuleEngine modes and the disruptive actions — deny, drop, redirect, allow (with its phase and request scopes),
/// pass and block through SecDefaultAction — with the statuses ModSecurity answers with (reference manual, and the
/// ModSecurity v2 regression suite tests/regression/action/00-disruptive-actions.t).
/// </summary>
public sealed class DisruptiveActionTests
{
    [Theory]
    [InlineData("deny", 403)]
    [InlineData("deny,status:418", 418)]
    [InlineData("status:503,deny", 503)]
    public void Deny_EngineOn_InterventionWithStatusAndRestOfPhaseSkipped(string actions, int status)
    {
        var rules = $$"""
            SecRuleEngine On
            SecAction "id:1,phase:1,pass,nolog"
            SecAction "id:2,phase:1,log,{{actions}}"
            SecAction "id:3,phase:1,pass,nolog"
            SecAction "id:4,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get("/"));

        Assert.Equal([1, 2], transaction.MatchedIds());
        Assert.Equal(status, transaction.Intervention?.Status);
        Assert.Equal(DisruptiveAction.Deny, transaction.Intervention?.Action);
        Assert.Equal(2, transaction.Intervention?.RuleId);
    }

    [Fact]
    public void Deny_DetectionOnly_RulesStillMatchButNothingIsInterrupted()
    {
        const string Rules = """
            SecRuleEngine DetectionOnly
            SecAction "id:1,phase:1,deny,status:403,log"
            SecAction "id:2,phase:1,drop,log"
            SecAction "id:3,phase:2,pass,log"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 2, 3], transaction.MatchedIds());
        Assert.Null(transaction.Intervention);
        Assert.StartsWith("ModSecurity: Warning.", transaction.MatchOf(1).ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void SecRuleEngineOff_NoRuleRuns()
    {
        const string Rules = """
            SecRuleEngine Off
            SecAction "id:1,phase:1,deny,status:403,log"
            SecAction "id:5,phase:5,pass,log"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Empty(transaction.MatchedRules);
        Assert.Null(transaction.Intervention);
    }

    [Fact]
    public void Drop_EngineOn_InterventionClosesTheConnection()
    {
        using var transaction = InlineEngine.Run("""SecAction "id:1,phase:2,drop,log" """, EngineExchange.Get("/"));

        Assert.Equal(DisruptiveAction.Drop, transaction.Intervention?.Action);
        Assert.Equal(1, transaction.Intervention?.RuleId);
    }

    [Theory]
    [InlineData("", 302)]
    [InlineData(",status:301", 301)]
    [InlineData(",status:307", 307)]
    public void Redirect_StatusForRedirection_UsedOtherwise302(string status, int expected)
    {
        var rules = $$"""SecRule ARGS:go "@streq away" "id:1,phase:1,log,redirect:'https://www.example.test/blocked?from=%{REQUEST_FILENAME}'{{status}}" """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get("/shop?go=away"));

        Assert.Equal(DisruptiveAction.Redirect, transaction.Intervention?.Action);
        Assert.Equal(expected, transaction.Intervention?.Status);
        Assert.Equal("https://www.example.test/blocked?from=/shop", transaction.Intervention?.RedirectUrl);
    }

    [Fact]
    public void Redirect_WithNonRedirectionStatus_Uses302()
    {
        // Reference manual, redirect: "If the status action is presented on the same rule, and its value can be used
        // for a redirection (i.e., is one of the following: 301, 302, 303, or 307), the value will be used for the
        // redirection status code. Otherwise, status code 302 will be used." (libmodsecurity 3: actions/disruptive/redirect.cc.)
        const string Rules = """SecAction "id:1,phase:1,log,status:403,redirect:'https://www.example.test/'" """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal(302, transaction.Intervention?.Status);
    }

    [Fact]
    public void Allow_WholeTransaction_SkipsEveryPhaseButLogging()
    {
        // allow: "skipping over all other phases apart from the logging phase".
        const string Rules = """
            SecRule REMOTE_ADDR "@ipMatch 198.18.0.0/15" "id:1,phase:1,allow,nolog"
            SecAction "id:2,phase:1,deny,log"
            SecAction "id:3,phase:2,deny,log"
            SecAction "id:4,phase:3,deny,log"
            SecAction "id:5,phase:4,deny,log"
            SecAction "id:6,phase:5,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/").WithResponse(200, "text/html", "ok"));

        Assert.Equal([1, 6], transaction.MatchedIds());
        Assert.Null(transaction.Intervention);
    }

    [Fact]
    public void AllowPhase_SkipsOnlyTheRestOfThePhase()
    {
        const string Rules = """
            SecAction "id:1,phase:1,allow:phase,nolog"
            SecAction "id:2,phase:1,deny,log"
            SecAction "id:3,phase:2,pass,nolog"
            SecAction "id:4,phase:2,deny,status:406,log"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 3, 4], transaction.MatchedIds());
        Assert.Equal(406, transaction.Intervention?.Status);
    }

    [Fact]
    public void AllowRequest_SkipsTheRequestPhasesThenResponsePhasesRun()
    {
        // allow:request: "The next phase to be processed will be phase RESPONSE_HEADERS."
        const string Rules = """
            SecAction "id:1,phase:1,allow:request,nolog"
            SecAction "id:2,phase:1,deny,log"
            SecAction "id:3,phase:2,deny,log"
            SecAction "id:4,phase:3,pass,nolog"
            SecAction "id:5,phase:4,deny,status:502,log"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/").WithResponse(200, "text/html", "ok"));

        Assert.Equal([1, 4, 5], transaction.MatchedIds());
        Assert.Equal(502, transaction.Intervention?.Status);
    }

    [Theory]
    [InlineData("phase:2,log,deny,status:401", 401)]
    [InlineData("phase:2,log,pass", null)]
    public void Block_ResolvedThroughSecDefaultActionOfThePhase(string defaults, int? expectedStatus)
    {
        var rules = $$"""
            SecDefaultAction "{{defaults}}"
            SecRule ARGS:a "@streq evil" "id:1,phase:2,block,log"
            SecRule ARGS:a "@streq evil" "id:2,phase:2,pass,log"
            """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get("/?a=evil"));

        Assert.Equal(expectedStatus, transaction.Intervention?.Status);
        Assert.Equal(expectedStatus is null ? [1, 2] : [1], transaction.MatchedIds());
    }

    [Fact]
    public void Block_DefaultActionOfAnotherPhase_DoesNotApply()
    {
        const string Rules = """
            SecDefaultAction "phase:1,log,deny,status:401"
            SecDefaultAction "phase:2,log,pass"
            SecRule ARGS:a "@streq evil" "id:1,phase:2,block,log"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=evil"));

        Assert.True(transaction.Matched(1));
        Assert.Null(transaction.Intervention);
    }

    [Fact]
    public void Pass_ThenDeny_LaterRuleStillDenies()
    {
        const string Rules = """
            SecAction "id:1,phase:1,pass,log"
            SecAction "id:2,phase:1,deny,log"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 2], transaction.MatchedIds());
        Assert.Equal(403, transaction.Intervention?.Status);
    }
}
