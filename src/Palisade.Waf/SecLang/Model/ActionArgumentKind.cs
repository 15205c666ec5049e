namespace Palisade.Waf.SecLang.Model;

/// <summary>Whether an action takes a value after ':'.</summary>
public enum ActionArgumentKind
{
    None,
    Optional,
    Required,
}
