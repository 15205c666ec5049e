using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// What the host must do because a disruptive rule fired (only when the rule engine is On): answer with
/// <see cref="Status"/> (deny), close the connection (drop) or redirect to <see cref="RedirectUrl"/>.
/// </summary>
public sealed record WafIntervention(int Status, DisruptiveAction Action, int? RuleId, string? RedirectUrl, string? Message);
