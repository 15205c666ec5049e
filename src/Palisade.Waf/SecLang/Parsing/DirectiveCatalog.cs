using System.Collections.Frozen;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// The directives we accept (names matched ignoring case, as Apache and ModSecurity do): what CRS v4, its
/// crs-setup.conf.example, Debian's CRS 3.3.4 and ModSecurity's recommended base configuration use.
/// IncludeOptional is Apache's: Debian's owasp-crs.load uses it for the optional exclusion files.
/// </summary>
internal static class DirectiveCatalog
{
    private static readonly (string Name, DirectiveKind Kind)[] RuleDirectives =
    [
        ("SecRule", DirectiveKind.Rule),
        ("SecAction", DirectiveKind.Action),
        ("SecMarker", DirectiveKind.Marker),
        ("SecDefaultAction", DirectiveKind.DefaultAction),
        ("Include", DirectiveKind.Include),
        ("IncludeOptional", DirectiveKind.IncludeOptional),
        ("SecRuleRemoveById", DirectiveKind.RemoveById),
        ("SecRuleRemoveByTag", DirectiveKind.RemoveByTag),
        ("SecRuleRemoveByMsg", DirectiveKind.RemoveByMsg),
        ("SecRuleUpdateTargetById", DirectiveKind.UpdateTargetById),
        ("SecRuleUpdateTargetByTag", DirectiveKind.UpdateTargetByTag),
        ("SecRuleUpdateTargetByMsg", DirectiveKind.UpdateTargetByMsg),
        ("SecRuleUpdateActionById", DirectiveKind.UpdateActionById),
    ];

    private static readonly FrozenDictionary<string, (string Name, DirectiveKind Kind)> ByName =
        RuleDirectives.Concat(SettingDirectives.Names.Select(n => (n, DirectiveKind.Setting)))
            .ToFrozenDictionary(d => d.Item1, d => (d.Item1, d.Item2), StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<string> AllNames { get; } = RuleDirectives.Select(d => d.Name).Concat(SettingDirectives.Names).ToArray();

    /// <summary>Finds a directive; <paramref name="canonical"/> is its usual spelling (e.g. "SecRule" for "secrule").</summary>
    public static bool TryFind(string written, out string canonical, out DirectiveKind kind)
    {
        if (ByName.TryGetValue(written, out var entry))
        {
            (canonical, kind) = entry;
            return true;
        }

        canonical = written;
        kind = default;
        return false;
    }
}
