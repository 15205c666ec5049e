namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// SecDefaultAction for one phase: the actions (always with a non-block disruptive action) that rules of that phase
/// inherit. One per phase, as libmodsecurity v3 requires. ModSecurity v2 and Coraza apply it to the rules that follow
/// it, v3 to every rule of the phase; CRS places it before all rules, where both agree.
/// </summary>
public sealed class DefaultActionsDefinition : ConfigurationItem
{
    public DefaultActionsDefinition(int phase, IReadOnlyList<RuleAction> actions, SourceLocation location)
        : base(location)
    {
        Phase = phase;
        Actions = actions;
        foreach (var action in actions)
        {
            if (action.Category == ActionCategory.Disruptive)
            {
                Disruptive = DisruptiveActionOf(action.Name);
            }
        }
    }

    public int Phase { get; }

    /// <summary>Every action as written, including phase.</summary>
    public IReadOnlyList<RuleAction> Actions { get; }

    public DisruptiveAction Disruptive { get; }

    internal static DisruptiveAction DisruptiveActionOf(ActionName name) => name switch
    {
        ActionName.Pass => DisruptiveAction.Pass,
        ActionName.Block => DisruptiveAction.Block,
        ActionName.Deny => DisruptiveAction.Deny,
        ActionName.Drop => DisruptiveAction.Drop,
        ActionName.Allow => DisruptiveAction.Allow,
        ActionName.Redirect => DisruptiveAction.Redirect,
        _ => DisruptiveAction.None,
    };
}
