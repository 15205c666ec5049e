using Microsoft.Extensions.Time.Testing;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Variables that belong to the transaction rather than to the HTTP message: TX, MATCHED_VAR(S)(_NAME(S)),
/// UNIQUE_ID, RULE, HIGHEST_SEVERITY and TIME_* (read from the engine's TimeProvider).
/// </summary>
public sealed class TransactionVariableTests
{
    [Fact]
    public void MatchedVariables_SeveralArgumentsMatch_ChainedRuleSeesEveryMatch()
    {
        // Reference manual: MATCHED_VAR / MATCHED_VAR_NAME hold the last match ("ARGS:param"), MATCHED_VARS and
        // MATCHED_VARS_NAMES every match of the current rule; a chained rule reads them.
        const string Rules = """
            SecRule ARGS "@contains evil" "id:1,phase:1,pass,nolog,chain"
                SecRule MATCHED_VARS_NAMES "@streq ARGS:first" "chain"
                SecRule MATCHED_VARS "@streq more evil"
            SecRule ARGS "@contains evil" "id:3,phase:1,pass,log,logdata:'%{MATCHED_VAR_NAME}=%{MATCHED_VAR}'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?first=evil&clean=ok&second=more+evil"));

        Assert.True(transaction.Matched(1));
        Assert.Equal("ARGS:second=more evil", transaction.DataOf(3));
    }

    [Fact]
    public void MatchedVar_AfterRuleWithTransformations_HoldsTransformedValue()
    {
        // libmodsecurity 3 (RuleWithOperator::evaluate → updateMatchedVars) stores the value after transformations.
        const string Rules = """
            SecRule ARGS:a "@contains select" "id:1,phase:1,t:lowercase,pass,log,logdata:'%{MATCHED_VAR}'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=SELECT%20x"));

        Assert.Equal("select x", transaction.DataOf(1));
    }

    [Fact]
    public void Tx_SetInPhase1_ReadInLaterPhasesWithCaseInsensitiveName()
    {
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,setvar:tx.Blocking_Level=2"
            SecRule TX:blocking_level "@eq 2" "id:2,phase:2,pass,nolog"
            SecRule TX:BLOCKING_LEVEL "@eq 2" "id:3,phase:3,pass,nolog"
            SecRule TX:/^block/ "@eq 2" "id:4,phase:4,pass,nolog"
            SecRule &TX:missing "@eq 0" "id:5,phase:5,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 2, 3, 4, 5], transaction.MatchedIds());
    }

    [Fact]
    public void UniqueId_GivenByHost_IsTheVariableValue()
    {
        const string Rules = """SecRule UNIQUE_ID "@streq req-42" "id:1,phase:1,pass,nolog" """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/") with { UniqueId = "req-42" });

        Assert.Equal("req-42", transaction.Id);
        Assert.True(transaction.Matched(1));
    }

    [Fact]
    public void UniqueId_NotGiven_EveryTransactionGetsADifferentOne()
    {
        var engine = InlineEngine.Load("""SecAction "id:1,phase:1,pass,nolog" """);

        var ids = Enumerable.Range(0, 100).Select(_ =>
        {
            using var transaction = engine.BeginTransaction();
            return transaction.Id;
        }).ToHashSet();

        Assert.Equal(100, ids.Count);
        Assert.DoesNotContain("", ids);
    }

    [Fact]
    public void UniqueId_TwoEnginesBuiltAtTheSameInstant_IdsDoNotCollide()
    {
        // UNIQUE_ID names one transaction in every log and audit record; a host runs one engine per site (and builds
        // a new one on every reload), so engines made at the same moment must not hand out the same ids.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 14, 5, 9, TimeSpan.Zero));
        var siteA = InlineEngine.Load("""SecAction "id:1,phase:1,pass,nolog" """, time: clock);
        var siteB = InlineEngine.Load("""SecAction "id:1,phase:1,pass,nolog" """, time: clock);

        using var first = siteA.BeginTransaction();
        using var second = siteB.BeginTransaction();

        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Rule_Macros_ExpandToTheCurrentRulesMetadata()
    {
        // Reference manual, RULE: "provides access to the id, rev, severity, logdata, and msg fields of the rule".
        const string Rules = """
            SecRule ARGS:a "@streq x" "id:4711,phase:1,pass,log,severity:CRITICAL,rev:'3',msg:'Probe message',logdata:'%{RULE.id}|%{rule.severity}|%{rule.rev}|%{RULE.msg}'"
            SecRule RULE:id "@eq 4712" "id:4712,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=x"));

        Assert.Equal("4711|2|3|Probe message", transaction.DataOf(4711));
        Assert.True(transaction.Matched(4712));
    }

    [Fact]
    public void HighestSeverity_AfterWarningAndCritical_IsLowestNumber()
    {
        // "A value of 255 indicates that no severity has been set. Higher severities have a lower numeric value."
        const string Rules = """
            SecRule HIGHEST_SEVERITY "@eq 255" "id:1,phase:1,pass,nolog"
            SecAction "id:2,phase:1,pass,nolog,severity:WARNING"
            SecAction "id:3,phase:1,pass,nolog,severity:CRITICAL"
            SecAction "id:4,phase:1,pass,nolog,severity:NOTICE"
            SecRule HIGHEST_SEVERITY "@eq 2" "id:5,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 2, 3, 4, 5], transaction.MatchedIds());
    }

    [Fact]
    public void TimeVariables_FakeClock_ReadTheTransactionStart()
    {
        // Compared as numbers: ModSecurity v2 prints them with %d, libmodsecurity 3 with strftime (zero-padded).
        // 2026-03-07 was a Saturday: TIME_WDAY 6 (Sunday is 0, as C's tm_wday).
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 14, 5, 9, TimeSpan.Zero));
        const string Rules = """
            SecRule TIME_YEAR "@eq 2026" "id:1,phase:1,pass,nolog"
            SecRule TIME_DAY "@eq 7" "id:2,phase:1,pass,nolog"
            SecRule TIME_HOUR "@eq 14" "id:3,phase:1,pass,nolog"
            SecRule TIME_MIN "@eq 5" "id:4,phase:1,pass,nolog"
            SecRule TIME_SEC "@eq 9" "id:5,phase:1,pass,nolog"
            SecRule TIME_WDAY "@eq 6" "id:6,phase:1,pass,nolog"
            SecRule TIME "@streq 14:05:09" "id:7,phase:1,pass,nolog"
            SecRule TIME_EPOCH "@eq 1772892309" "id:8,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"), time: clock);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], transaction.MatchedIds());
    }

    [Fact]
    public void TimeMon_March_IsZeroBasedTwo()
    {
        // Reference manual: TIME_MON "holds the current month value (0–11)" (November is 10, December 11);
        // libmodsecurity 3 (src/variables/time_mon.cc) subtracts one from strftime's %m to keep it so.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 14, 5, 9, TimeSpan.Zero));
        const string Rules = """SecAction "id:1,phase:1,pass,log,logdata:'%{TIME_MON}'" """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"), time: clock);

        Assert.Equal("2", transaction.DataOf(1));
    }

    [Fact]
    public void TimeVariables_ClockAdvancesBetweenTransactions_EachReadsItsOwnStart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        var engine = InlineEngine.Load("""
            SecRule TIME_YEAR "@eq 2026" "id:1,phase:1,pass,nolog"
            SecRule TIME_YEAR "@eq 2027" "id:2,phase:1,pass,nolog"
            SecRule TIME_EPOCH "@eq 1798761600" "id:3,phase:1,pass,nolog"
            """, time: clock);

        using var before = EngineExchange.Get("/").Run(engine);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var after = EngineExchange.Get("/").Run(engine);

        Assert.Equal([1], before.MatchedIds());
        Assert.Equal([2, 3], after.MatchedIds());
    }

    [Fact]
    public void TimeHour_ClockInAnotherZone_IsLocalHour()
    {
        // libmodsecurity 3 computes TIME_* with localtime_r (src/variables/time_hour.cc), so they follow the local
        // zone: with the provider's local zone at UTC+05:00, 14:05 UTC reads as hour 19.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 7, 14, 5, 9, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("Test+05", TimeSpan.FromHours(5), "Test+05", "Test+05"));
        const string Rules = """SecAction "id:1,phase:1,pass,log,logdata:'%{TIME_HOUR}'" """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"), time: clock);

        Assert.Equal("19", transaction.DataOf(1));
    }
}
