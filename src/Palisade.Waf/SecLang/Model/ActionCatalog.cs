using System.Collections.Frozen;

namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// Names, value requirements and categories of the supported actions (from the ModSecurity reference manual; names
/// matched ignoring case, as Coraza does).
/// </summary>
public static class ActionCatalog
{
    private static readonly (string Text, ActionName Name, ActionArgumentKind Argument, ActionCategory Category)[] Entries =
    [
        ("accuracy", ActionName.Accuracy, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("allow", ActionName.Allow, ActionArgumentKind.Optional, ActionCategory.Disruptive),
        ("auditlog", ActionName.AuditLog, ActionArgumentKind.None, ActionCategory.NonDisruptive),
        ("block", ActionName.Block, ActionArgumentKind.None, ActionCategory.Disruptive),
        ("capture", ActionName.Capture, ActionArgumentKind.None, ActionCategory.NonDisruptive),
        ("chain", ActionName.Chain, ActionArgumentKind.None, ActionCategory.Flow),
        ("ctl", ActionName.Ctl, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("deny", ActionName.Deny, ActionArgumentKind.None, ActionCategory.Disruptive),
        ("drop", ActionName.Drop, ActionArgumentKind.None, ActionCategory.Disruptive),
        ("expirevar", ActionName.ExpireVar, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("id", ActionName.Id, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("initcol", ActionName.InitCol, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("log", ActionName.Log, ActionArgumentKind.None, ActionCategory.NonDisruptive),
        ("logdata", ActionName.LogData, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("maturity", ActionName.Maturity, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("msg", ActionName.Msg, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("multiMatch", ActionName.MultiMatch, ActionArgumentKind.None, ActionCategory.NonDisruptive),
        ("noauditlog", ActionName.NoAuditLog, ActionArgumentKind.None, ActionCategory.NonDisruptive),
        ("nolog", ActionName.NoLog, ActionArgumentKind.None, ActionCategory.NonDisruptive),
        ("pass", ActionName.Pass, ActionArgumentKind.None, ActionCategory.Disruptive),
        ("phase", ActionName.Phase, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("redirect", ActionName.Redirect, ActionArgumentKind.Required, ActionCategory.Disruptive),
        ("rev", ActionName.Rev, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("setenv", ActionName.SetEnv, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("setrsc", ActionName.SetRsc, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("setsid", ActionName.SetSid, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("setuid", ActionName.SetUid, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("setvar", ActionName.SetVar, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("severity", ActionName.Severity, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("skip", ActionName.Skip, ActionArgumentKind.Required, ActionCategory.Flow),
        ("skipAfter", ActionName.SkipAfter, ActionArgumentKind.Required, ActionCategory.Flow),
        ("status", ActionName.Status, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
        ("tag", ActionName.Tag, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("t", ActionName.Transformation, ActionArgumentKind.Required, ActionCategory.Transformation),
        ("ver", ActionName.Ver, ActionArgumentKind.Required, ActionCategory.Metadata),
        ("xmlns", ActionName.Xmlns, ActionArgumentKind.Required, ActionCategory.NonDisruptive),
    ];

    private static readonly FrozenDictionary<string, ActionName> ByText =
        Entries.ToFrozenDictionary(e => e.Text, e => e.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly (string Text, ActionArgumentKind Argument, ActionCategory Category)[] ByName = BuildByName();

    public static IReadOnlyList<string> AllNames { get; } = Entries.Select(e => e.Text).ToArray();

    public static bool TryParse(string text, out ActionName name) => ByText.TryGetValue(text, out name);

    /// <summary>The canonical SecLang spelling, e.g. "skipAfter", "t".</summary>
    public static string NameOf(ActionName name) => ByName[(int)name].Text;

    public static ActionArgumentKind ArgumentOf(ActionName name) => ByName[(int)name].Argument;

    public static ActionCategory CategoryOf(ActionName name) => ByName[(int)name].Category;

    private static (string, ActionArgumentKind, ActionCategory)[] BuildByName()
    {
        var byName = new (string, ActionArgumentKind, ActionCategory)[Enum.GetValues<ActionName>().Length];
        foreach (var entry in Entries)
        {
            byName[(int)entry.Name] = (entry.Text, entry.Argument, entry.Category);
        }

        return byName;
    }
}
