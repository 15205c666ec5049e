namespace Palisade.Waf.SecLang.Model;

/// <summary>Which directive defined a rule.</summary>
public enum RuleKind
{
    /// <summary>SecRule VARIABLES OPERATOR [ACTIONS].</summary>
    SecRule,

    /// <summary>SecAction ACTIONS: no targets, always matches.</summary>
    SecAction,
}
