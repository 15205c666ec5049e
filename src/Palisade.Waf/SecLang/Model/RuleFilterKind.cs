namespace Palisade.Waf.SecLang.Model;

/// <summary>How a <see cref="RuleFilter"/> picks rules.</summary>
public enum RuleFilterKind
{
    Id,
    Tag,
    Msg,
}
