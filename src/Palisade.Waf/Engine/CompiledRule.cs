using Palisade.Waf.Operators;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Engine;

/// <summary>
/// One link of a rule, compiled once: targets, exclusions, operator, transformation pipeline and the actions it runs
/// when it matches; the chain starter also carries what applies to the whole chain (metadata, disruptive action,
/// flow). Immutable and shared by every transaction.
/// </summary>
internal sealed class CompiledRule
{
    public CompiledRule(RuleDefinition definition, DefaultActionsDefinition? defaults, OperatorFactory operators, CompiledRule? next)
    {
        Definition = definition;
        Next = next;
        var targets = new List<CompiledTarget>();
        var exclusions = new List<CompiledTarget>();
        foreach (var variable in definition.Variables)
        {
            (variable.IsExclusion ? exclusions : targets).Add(CompiledTarget.Compile(variable));
        }

        Targets = targets.ToArray();
        Exclusions = exclusions.ToArray();
        if (definition.Operator is { } ruleOperator)
        {
            Operator = operators.Prepare(ruleOperator);
            IsNegated = ruleOperator.IsNegated;
        }

        var transformations = new List<TransformationName>();
        if (defaults is not null && !definition.ClearsDefaultTransformations)
        {
            foreach (var action in defaults.Actions)
            {
                if (action.Name == ActionName.Transformation && action.Transformation is { } name && name != TransformationName.None)
                {
                    transformations.Add(name);
                }
            }
        }

        transformations.AddRange(definition.Transformations);
        Pipeline = TransformationPipeline.Create(transformations);

        var effects = new List<RuleAction>();
        foreach (var action in definition.Actions)
        {
            if (action.Name is ActionName.SetVar or ActionName.Ctl or ActionName.SetEnv or ActionName.InitCol
                or ActionName.SetSid or ActionName.SetUid or ActionName.SetRsc)
            {
                effects.Add(action);
            }
        }

        Effects = effects.ToArray();
        var disruptive = definition.Disruptive;
        var defaultDisruptive = defaults?.Disruptive ?? DisruptiveAction.Pass;
        Disruptive = disruptive switch
        {
            DisruptiveAction.None or DisruptiveAction.Block => defaultDisruptive is DisruptiveAction.None or DisruptiveAction.Block ? DisruptiveAction.Pass : defaultDisruptive,
            _ => disruptive,
        };
        Status = definition.Status ?? StatusOf(defaults) ?? 403;
        Logs = definition.Log ?? LogOf(defaults) ?? true;
        AuditLogs = definition.AuditLog ?? AuditLogOf(defaults) ?? Logs;
        RedirectUrl = definition.RedirectUrl ?? (Disruptive == DisruptiveAction.Redirect ? RedirectOf(defaults) : null);
        IdText = definition.Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public RuleDefinition Definition { get; }

    public int? Id => Definition.Id;

    public string IdText { get; }

    public int Phase => Definition.Phase;

    public SourceLocation Location => Definition.Location;

    public CompiledTarget[] Targets { get; }

    public CompiledTarget[] Exclusions { get; }

    /// <summary>Null for SecAction, which always matches.</summary>
    public PreparedOperator? Operator { get; }

    public bool IsNegated { get; }

    public TransformationPipeline Pipeline { get; }

    /// <summary>setvar, ctl, setenv, initcol, setsid/setuid/setrsc in the order written: run when this link matches.</summary>
    public RuleAction[] Effects { get; }

    /// <summary>The next link of the chain, or null.</summary>
    public CompiledRule? Next { get; }

    /// <summary>The disruptive action with block and "none" resolved through the phase's SecDefaultAction.</summary>
    public DisruptiveAction Disruptive { get; }

    public int Status { get; }

    public bool Logs { get; }

    public bool AuditLogs { get; }

    public MacroString? RedirectUrl { get; }

    /// <summary>
    /// Links whose targets (exclusions included) read only facts that stay fixed through a phase share a number per
    /// distinct target list, so a transaction collects those values once per phase; -1 for the others.
    /// </summary>
    public int TargetSetId { get; set; } = -1;

    /// <summary>A small number naming <see cref="Pipeline"/> in the engine (for the transaction's value cache).</summary>
    public int PipelineId { get; set; }

    /// <summary>The starter's position in the engine (for per-rule caches); 0 on chained links.</summary>
    public int Ordinal { get; set; }

    /// <summary>This link's bit in the engine's <see cref="LiteralPrefilter"/>, or -1 when its operator is not prefiltered.</summary>
    public int PrefilterIndex { get; set; } = -1;

    /// <summary>Where skipAfter continues, as an index into the phase's plan; set by <see cref="PhasePlan"/>.</summary>
    public int SkipAfterIndex { get; set; } = -1;

    private static int? StatusOf(DefaultActionsDefinition? defaults) => FindNumber(defaults, ActionName.Status);

    private static bool? LogOf(DefaultActionsDefinition? defaults) =>
        FindLast(defaults, ActionName.Log, ActionName.NoLog) is { } name ? name == ActionName.Log : null;

    private static bool? AuditLogOf(DefaultActionsDefinition? defaults) =>
        FindLast(defaults, ActionName.AuditLog, ActionName.NoAuditLog) is { } name ? name == ActionName.AuditLog : null;

    private static MacroString? RedirectOf(DefaultActionsDefinition? defaults)
    {
        MacroString? url = null;
        foreach (var action in defaults?.Actions ?? [])
        {
            if (action.Name == ActionName.Redirect)
            {
                url = action.Text;
            }
        }

        return url;
    }

    private static int? FindNumber(DefaultActionsDefinition? defaults, ActionName name)
    {
        int? value = null;
        foreach (var action in defaults?.Actions ?? [])
        {
            if (action.Name == name)
            {
                value = action.Number;
            }
        }

        return value;
    }

    private static ActionName? FindLast(DefaultActionsDefinition? defaults, ActionName yes, ActionName no)
    {
        ActionName? found = null;
        foreach (var action in defaults?.Actions ?? [])
        {
            if (action.Name == yes || action.Name == no)
            {
                found = action.Name;
            }
        }

        return found;
    }

    public override string ToString() => Definition.ToString();
}
