namespace Palisade.Waf.SecLang.Model;

/// <summary>SecRuleEngine and ctl:ruleEngine values.</summary>
public enum RuleEngineMode
{
    Off,
    On,

    /// <summary>Rules run and log, but disruptive actions do not interrupt the transaction.</summary>
    DetectionOnly,
}
