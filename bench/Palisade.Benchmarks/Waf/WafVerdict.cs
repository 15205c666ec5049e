namespace Palisade.Benchmarks.Waf;

/// <summary>
/// What one engine made of one request, checked before timing: a benchmark of an engine that blocks or errors out
/// early measures nothing. <see cref="LoggedRuleIds"/> are the ids of the error-log lines (rules that matched and
/// log), which both engines report the same way; <see cref="MatchedRuleIds"/> is every matched rule including
/// nolog ones, which only our engine exposes (null for ModSecurity).
/// </summary>
internal sealed record WafVerdict(
    int? InterventionStatus,
    string? InterventionDetail,
    IReadOnlyList<int> LoggedRuleIds,
    IReadOnlyList<int>? MatchedRuleIds)
{
    public bool IsBenign => InterventionStatus is null;
}
