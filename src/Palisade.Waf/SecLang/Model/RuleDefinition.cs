using System.Text;

namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// One SecRule or SecAction. A chain starter carries its chained sub-rules in <see cref="ChainedRules"/> (in order),
/// so the unit the engine schedules is the starter; sub-rules never appear on their own in a configuration's rule
/// list. The typed members (<see cref="Id"/>, <see cref="Phase"/>, <see cref="Transformations"/>, …) are computed
/// once from <see cref="Actions"/>; the last occurrence wins where ModSecurity lets a later action override.
/// Immutable.
/// </summary>
public sealed class RuleDefinition : ConfigurationItem
{
    /// <summary>ModSecurity's phase for rules that name none: the request body phase.</summary>
    public const int DefaultPhase = 2;

    private readonly int? _inheritedPhase;

    internal RuleDefinition(
        RuleKind kind,
        IReadOnlyList<RuleVariable> variables,
        RuleOperator? @operator,
        IReadOnlyList<RuleAction> actions,
        IReadOnlyList<RuleDefinition> chainedRules,
        int? inheritedPhase,
        SourceLocation location)
        : base(location)
    {
        Kind = kind;
        Variables = variables;
        Operator = @operator;
        Actions = actions;
        ChainedRules = chainedRules;
        _inheritedPhase = inheritedPhase;

        var tags = new List<string>();
        var transformations = new List<TransformationName>();
        var phase = inheritedPhase ?? DefaultPhase;
        foreach (var action in actions)
        {
            switch (action.Name)
            {
                case ActionName.Id: Id = action.Number; break;
                case ActionName.Phase: phase = action.Number ?? phase; break;
                case ActionName.Msg: Message = action.Text; break;
                case ActionName.LogData: LogData = action.Text; break;
                case ActionName.Tag: tags.Add(action.Argument!); break;
                case ActionName.Severity: Severity = action.Number; break;
                case ActionName.Ver: Version = action.Argument; break;
                case ActionName.Rev: Revision = action.Argument; break;
                case ActionName.Accuracy: Accuracy = action.Number; break;
                case ActionName.Maturity: Maturity = action.Number; break;
                case ActionName.Status: Status = action.Number; break;
                case ActionName.Skip: Skip = action.Number ?? 0; break;
                case ActionName.SkipAfter: SkipAfter = action.Argument; break;
                case ActionName.Capture: Capture = true; break;
                case ActionName.MultiMatch: MultiMatch = true; break;
                case ActionName.Log: Log = true; break;
                case ActionName.NoLog: Log = false; break;
                case ActionName.AuditLog: AuditLog = true; break;
                case ActionName.NoAuditLog: AuditLog = false; break;
                case ActionName.Chain: HasChainAction = true; break;
                case ActionName.Transformation when action.Transformation == TransformationName.None:
                    // t:none drops everything before it, including the transformations of SecDefaultAction.
                    transformations.Clear();
                    ClearsDefaultTransformations = true;
                    break;
                case ActionName.Transformation: transformations.Add(action.Transformation!.Value); break;
                case ActionName.Allow:
                    Disruptive = DisruptiveAction.Allow;
                    AllowScope = action.Allow;
                    break;
                case ActionName.Redirect:
                    Disruptive = DisruptiveAction.Redirect;
                    RedirectUrl = action.Text;
                    break;
                case ActionName.Pass or ActionName.Block or ActionName.Deny or ActionName.Drop:
                    Disruptive = DefaultActionsDefinition.DisruptiveActionOf(action.Name);
                    break;
                default:
                    break;
            }
        }

        Phase = phase;
        Tags = tags.ToArray();
        Transformations = transformations.ToArray();
    }

    public RuleKind Kind { get; }

    /// <summary>Targets in the order written; empty for SecAction.</summary>
    public IReadOnlyList<RuleVariable> Variables { get; }

    /// <summary>Null for SecAction (which always matches).</summary>
    public RuleOperator? Operator { get; }

    /// <summary>Every action in the order written.</summary>
    public IReadOnlyList<RuleAction> Actions { get; }

    /// <summary>For a chain starter: the chained sub-rules in order; empty otherwise (and on every sub-rule).</summary>
    public IReadOnlyList<RuleDefinition> ChainedRules { get; }

    /// <summary>Null only for chained sub-rules.</summary>
    public int? Id { get; }

    /// <summary>1–5; a sub-rule has its starter's phase; <see cref="DefaultPhase"/> when none is written.</summary>
    public int Phase { get; }

    public MacroString? Message { get; }

    public MacroString? LogData { get; }

    /// <summary>Tags as written (macros unexpanded: tag filters match this text, as ModSecurity's do).</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>0 (EMERGENCY) … 7 (DEBUG).</summary>
    public int? Severity { get; }

    public string? Version { get; }

    public string? Revision { get; }

    public int? Accuracy { get; }

    public int? Maturity { get; }

    public DisruptiveAction Disruptive { get; }

    /// <summary>Set when <see cref="Disruptive"/> is <see cref="DisruptiveAction.Allow"/>.</summary>
    public AllowScope? AllowScope { get; }

    /// <summary>Set when <see cref="Disruptive"/> is <see cref="DisruptiveAction.Redirect"/>.</summary>
    public MacroString? RedirectUrl { get; }

    public int? Status { get; }

    /// <summary>skip:N (0 when absent).</summary>
    public int Skip { get; }

    /// <summary>skipAfter: a marker name or rule id.</summary>
    public string? SkipAfter { get; }

    public bool Capture { get; }

    public bool MultiMatch { get; }

    /// <summary>log → true, nolog → false, null when the rule says neither (SecDefaultAction decides).</summary>
    public bool? Log { get; }

    /// <summary>auditlog → true, noauditlog → false, null when the rule says neither.</summary>
    public bool? AuditLog { get; }

    /// <summary>The rule's own transformations in order, after the last t:none.</summary>
    public IReadOnlyList<TransformationName> Transformations { get; }

    /// <summary>True when the rule wrote t:none, so SecDefaultAction's transformations do not apply.</summary>
    public bool ClearsDefaultTransformations { get; }

    /// <summary>True when this rule wrote "chain" (the next SecRule belongs to it).</summary>
    public bool HasChainAction { get; }

    public bool IsChainStarter => ChainedRules.Count > 0;

    /// <summary>This rule with other targets (for SecRuleUpdateTargetBy*).</summary>
    public RuleDefinition WithVariables(IReadOnlyList<RuleVariable> variables) =>
        new(Kind, variables, Operator, Actions, ChainedRules, _inheritedPhase, Location);

    /// <summary>This rule with other actions, metadata recomputed (for SecRuleUpdateActionById).</summary>
    public RuleDefinition WithActions(IReadOnlyList<RuleAction> actions) =>
        new(Kind, Variables, Operator, actions, ChainedRules, _inheritedPhase, Location);

    /// <summary>A SecLang rendering on one line, chained sub-rules included (for logs and tests, not for round-trips).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, this);
        foreach (var sub in ChainedRules)
        {
            text.Append(" ⟶ ");
            Append(text, sub);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, RuleDefinition rule)
    {
        if (rule.Kind == RuleKind.SecAction)
        {
            text.Append("SecAction");
        }
        else
        {
            text.Append("SecRule ").Append(string.Join('|', rule.Variables)).Append(" \"").Append(rule.Operator).Append('"');
        }

        if (rule.Actions.Count > 0)
        {
            text.Append(" \"").Append(string.Join(',', rule.Actions)).Append('"');
        }
    }
}
