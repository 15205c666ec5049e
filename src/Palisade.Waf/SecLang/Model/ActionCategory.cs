namespace Palisade.Waf.SecLang.Model;

/// <summary>The action groups of the ModSecurity reference manual; they decide where an action may appear.</summary>
public enum ActionCategory
{
    /// <summary>allow, block, deny, drop, pass, redirect: what happens to the transaction.</summary>
    Disruptive,

    /// <summary>chain, skip, skipAfter: how evaluation moves on.</summary>
    Flow,

    /// <summary>id, phase, msg, logdata, rev, ver, severity, tag, accuracy, maturity: facts about the rule.</summary>
    Metadata,

    /// <summary>t:… transformations applied to each variable before the operator.</summary>
    Transformation,

    /// <summary>Everything else: setvar, ctl, capture, log flags, collections, status, …</summary>
    NonDisruptive,
}
