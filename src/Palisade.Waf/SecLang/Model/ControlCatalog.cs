using System.Collections.Frozen;

namespace Palisade.Waf.SecLang.Model;

/// <summary>Names of the supported ctl kinds (ModSecurity reference manual, "ctl"), matched ignoring case.</summary>
public static class ControlCatalog
{
    private static readonly (string Text, ControlKind Kind)[] Entries =
    [
        ("auditEngine", ControlKind.AuditEngine),
        ("auditLogParts", ControlKind.AuditLogParts),
        ("forceRequestBodyVariable", ControlKind.ForceRequestBodyVariable),
        ("requestBodyAccess", ControlKind.RequestBodyAccess),
        ("requestBodyLimit", ControlKind.RequestBodyLimit),
        ("requestBodyProcessor", ControlKind.RequestBodyProcessor),
        ("responseBodyAccess", ControlKind.ResponseBodyAccess),
        ("responseBodyLimit", ControlKind.ResponseBodyLimit),
        ("ruleEngine", ControlKind.RuleEngine),
        ("ruleRemoveById", ControlKind.RuleRemoveById),
        ("ruleRemoveByMsg", ControlKind.RuleRemoveByMsg),
        ("ruleRemoveByTag", ControlKind.RuleRemoveByTag),
        ("ruleRemoveTargetById", ControlKind.RuleRemoveTargetById),
        ("ruleRemoveTargetByMsg", ControlKind.RuleRemoveTargetByMsg),
        ("ruleRemoveTargetByTag", ControlKind.RuleRemoveTargetByTag),
    ];

    private static readonly FrozenDictionary<string, ControlKind> ByText =
        Entries.ToFrozenDictionary(e => e.Text, e => e.Kind, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> AllNames { get; } = Entries.Select(e => e.Text).ToArray();

    public static bool TryParse(string text, out ControlKind kind) => ByText.TryGetValue(text, out kind);

    public static string NameOf(ControlKind kind) => Entries[(int)kind].Text;
}
