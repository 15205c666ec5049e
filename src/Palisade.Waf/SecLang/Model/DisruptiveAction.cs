namespace Palisade.Waf.SecLang.Model;

/// <summary>The disruptive action a rule names (the last one written wins, as in ModSecurity).</summary>
public enum DisruptiveAction
{
    /// <summary>The rule names none; the phase's SecDefaultAction decides.</summary>
    None,
    Pass,

    /// <summary>Use the disruptive action of the phase's SecDefaultAction.</summary>
    Block,
    Deny,
    Drop,
    Allow,
    Redirect,
}
