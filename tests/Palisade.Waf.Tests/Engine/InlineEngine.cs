using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Small rule sets written in the test, compiled with <see cref="WafEngine.LoadText"/>, and the questions the
/// semantics tests ask of a finished transaction (which rules matched, with what message and data).
/// </summary>
internal static class InlineEngine
{
    public static WafEngine Load(string rules, IWafLog? log = null, TimeProvider? time = null) =>
        WafEngine.LoadText(rules, new WafEngineOptions { Log = log, TimeProvider = time ?? TimeProvider.System });

    /// <summary>Compiles <paramref name="rules"/> and runs <paramref name="exchange"/> through them; dispose the result.</summary>
    public static WafTransaction Run(string rules, EngineExchange exchange, IWafLog? log = null, TimeProvider? time = null) =>
        exchange.Run(Load(rules, log, time));

    /// <summary>The ids of the rules that matched, in order (a rule matching in several phases appears once per phase).</summary>
    public static int[] MatchedIds(this WafTransaction transaction) =>
        [.. transaction.MatchedRules.Where(r => r.Id is not null).Select(r => r.Id!.Value)];

    public static bool Matched(this WafTransaction transaction, int id) => transaction.MatchedRules.Any(r => r.Id == id);

    /// <summary>The one match of rule <paramref name="id"/>; fails when it matched never or more than once.</summary>
    public static WafMatchedRule MatchOf(this WafTransaction transaction, int id) =>
        Assert.Single(transaction.MatchedRules, r => r.Id == id);

    /// <summary>The expanded logdata of rule <paramref name="id"/>, which the tests use to read a variable's value.</summary>
    public static string? DataOf(this WafTransaction transaction, int id) => transaction.MatchOf(id).Data;
}
