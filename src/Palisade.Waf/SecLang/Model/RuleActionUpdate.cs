namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// SecRuleUpdateActionById ID "ACTIONS": merges actions into the rule with that id defined before it. Following the
/// ModSecurity reference manual, single-valued actions (msg, severity, the disruptive action, …) replace the rule's,
/// repeatable ones (tag, setvar, t:, ctl, …) are appended; id, phase and chain cannot be changed.
/// </summary>
public sealed class RuleActionUpdate : ConfigurationItem
{
    public RuleActionUpdate(int ruleId, IReadOnlyList<RuleAction> actions, SourceLocation location)
        : base(location)
    {
        RuleId = ruleId;
        Actions = actions;
    }

    public int RuleId { get; }

    public IReadOnlyList<RuleAction> Actions { get; }
}
