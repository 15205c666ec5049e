namespace Palisade.Waf.Engine;

/// <summary>
/// A rule that matched in a transaction (a chain counts once, when all its links matched), with its expanded message
/// and data, and the error-log line written for it (empty for rules that do not log).
/// </summary>
public sealed record WafMatchedRule(int? Id, int Phase, string? Message, string? Data, int? Severity, IReadOnlyList<string> Tags, string ErrorLine);
