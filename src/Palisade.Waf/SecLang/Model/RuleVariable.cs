namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// One target of a rule: a variable or collection, optionally narrowed by a selector, counted (&amp;) or excluded (!).
/// </summary>
public sealed record RuleVariable
{
    public required VariableName Name { get; init; }

    /// <summary>The member name, the regex (without its slashes) or the XPath expression; null when there is no selector.</summary>
    public string? Selector { get; init; }

    public VariableSelectorKind SelectorKind { get; init; }

    /// <summary>&amp;VAR: the number of matching members instead of their values.</summary>
    public bool IsCount { get; init; }

    /// <summary>!VAR:key: removes the matching members from the rule's other targets.</summary>
    public bool IsExclusion { get; init; }

    public SourceLocation Location { get; init; }

    /// <summary>Same target as <paramref name="other"/>, ignoring where each was written (names compare ignoring case).</summary>
    public bool IsSameTarget(RuleVariable other) =>
        Name == other.Name && SelectorKind == other.SelectorKind && IsCount == other.IsCount && IsExclusion == other.IsExclusion
        && string.Equals(Selector, other.Selector, SelectorKind == VariableSelectorKind.Key ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The SecLang form, e.g. "!REQUEST_COOKIES:/__utm/" or "&amp;TX:foo".</summary>
    public override string ToString()
    {
        var prefix = IsExclusion ? "!" : IsCount ? "&" : "";
        var name = VariableCatalog.NameOf(Name);
        return SelectorKind switch
        {
            VariableSelectorKind.None => prefix + name,
            VariableSelectorKind.Regex => $"{prefix}{name}:/{Selector}/",
            _ => $"{prefix}{name}:{Selector}",
        };
    }
}
