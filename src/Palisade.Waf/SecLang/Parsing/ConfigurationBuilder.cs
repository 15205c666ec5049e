using System.Collections.Frozen;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Accumulates the configuration directive by directive: assembles chains (a rule ending in "chain" takes the
/// following SecRules as sub-rules), enforces ids, the chain-starter-only actions and one SecDefaultAction per phase,
/// and records every other directive in order.
/// </summary>
internal sealed class ConfigurationBuilder(Diagnostics diagnostics)
{
    // ModSecurity v2 (apache2_config.c) rejects these on chained sub-rules: the starter carries the rule's identity,
    // phase, and outcome; tag, setvar, ctl, t: and the like are fine on any link.
    private static readonly HashSet<ActionName> StarterOnlyActions =
    [
        ActionName.Id, ActionName.Phase, ActionName.Rev, ActionName.Msg, ActionName.Severity, ActionName.Ver,
        ActionName.Accuracy, ActionName.Maturity, ActionName.LogData, ActionName.Skip, ActionName.SkipAfter,
    ];

    // What identifies a single rule or moves evaluation makes no sense as a default. ModSecurity v2
    // (apache2_config.c, cmd_default_action) rejects exactly these; tag, severity and logdata pass there, and CRS's
    // own crs-setup example puts a tag in SecDefaultAction.
    private static readonly HashSet<ActionName> NotDefaultActions =
    [
        ActionName.Id, ActionName.Rev, ActionName.Msg, ActionName.Ver, ActionName.Accuracy, ActionName.Maturity,
        ActionName.Chain, ActionName.Skip, ActionName.SkipAfter,
    ];

    private readonly List<ConfigurationItem> _items = [];
    private readonly Dictionary<int, SourceLocation> _ruleIds = [];
    private readonly Dictionary<int, DefaultActionsDefinition> _defaults = [];
    private readonly List<string> _files = [];
    private readonly HashSet<string> _fileSet = new(StringComparer.Ordinal);
    private PendingRule? _chainStarter;
    private List<PendingRule> _chainLinks = [];
    private bool _inBrokenChain;

    public EngineSettings Settings { get; set; } = new();

    public void AddFile(string path)
    {
        if (_fileSet.Add(path))
        {
            _files.Add(path);
        }
    }

    public void AddRule(PendingRule rule)
    {
        if (_chainStarter is not null || _inBrokenChain)
        {
            AddChainLink(rule);
            return;
        }

        CheckStarter(rule);
        if (rule.HasChain)
        {
            _chainStarter = rule;
            _chainLinks = [];
        }
        else
        {
            _items.Add(Build(rule, []));
        }
    }

    /// <summary>A SecRule/SecAction that failed to parse: keep chain tracking plausible so one error does not cascade.</summary>
    public void RuleFailed(bool looksChained)
    {
        if (_chainStarter is not null || _inBrokenChain)
        {
            _chainStarter = null;
            _chainLinks = [];
            _inBrokenChain = looksChained;
        }
        else
        {
            _inBrokenChain = looksChained;
        }
    }

    /// <summary>Any directive other than SecRule/SecAction: a chain left open before it is an error.</summary>
    public void AddItem(ConfigurationItem item, string directive)
    {
        InterruptChain(directive, item.Location);
        _items.Add(item);
    }

    /// <summary>A directive that failed or records nothing (Include, a bad setting) still ends an open chain.</summary>
    public void InterruptChain(string directive, SourceLocation location)
    {
        if (_chainStarter is { } starter)
        {
            diagnostics.Report(starter.Location, $"This rule ends with 'chain', but the next directive is {directive} (at {location}), not the chained SecRule.");
        }

        _chainStarter = null;
        _chainLinks = [];
        _inBrokenChain = false;
    }

    public void EndOfFile(string file)
    {
        if (_chainStarter is { } starter)
        {
            diagnostics.Report(starter.Location, $"This rule ends with 'chain', but {file} ends before the chained SecRule.");
        }

        _chainStarter = null;
        _chainLinks = [];
        _inBrokenChain = false;
    }

    public void AddDefaultActions(RuleAction[] actions, SourceLocation location)
    {
        var ok = true;
        foreach (var action in actions)
        {
            if (NotDefaultActions.Contains(action.Name))
            {
                diagnostics.Report(action.Location, $"SecDefaultAction cannot contain '{ActionCatalog.NameOf(action.Name)}': it sets defaults for a phase, so id, rev, ver, msg, accuracy, maturity, chain, skip and skipAfter do not belong there.");
                ok = false;
            }
        }

        var phase = Array.FindLast(actions, a => a.Name == ActionName.Phase)?.Number;
        if (phase is null)
        {
            diagnostics.Report(location, "SecDefaultAction must name its phase, e.g. SecDefaultAction \"phase:2,log,auditlog,pass\".");
            ok = false;
        }

        if (!Array.Exists(actions, a => a.Category == ActionCategory.Disruptive && a.Name != ActionName.Block))
        {
            diagnostics.Report(location, "SecDefaultAction must contain a disruptive action other than block: pass, deny, drop, allow or redirect.");
            ok = false;
        }

        if (phase is { } p && _defaults.TryGetValue(p, out var existing))
        {
            diagnostics.Report(location, $"SecDefaultAction for phase {p} is already defined at {existing.Location}; one per phase is allowed (as in libmodsecurity v3).");
            ok = false;
        }

        if (ok)
        {
            var definition = new DefaultActionsDefinition(phase!.Value, actions, location);
            _defaults[phase.Value] = definition;
            AddItem(definition, "SecDefaultAction");
        }
        else
        {
            InterruptChain("SecDefaultAction", location);
        }
    }

    public SecLangConfiguration Build()
    {
        CheckExclusionOrder();
        return new SecLangConfiguration(_items.ToArray(), Settings, _defaults.ToFrozenDictionary(), _files.ToArray());
    }

    private void AddChainLink(PendingRule rule)
    {
        foreach (var action in rule.Actions)
        {
            if (action.Category == ActionCategory.Disruptive || StarterOnlyActions.Contains(action.Name))
            {
                diagnostics.Report(action.Location, $"'{ActionCatalog.NameOf(action.Name)}' can only be given on the chain starter rule, not on a chained SecRule (ModSecurity rejects it too).");
            }
        }

        if (_chainStarter is not null)
        {
            _chainLinks.Add(rule);
        }

        if (!rule.HasChain)
        {
            if (_chainStarter is { } starter)
            {
                var phase = starter.Phase;
                var links = _chainLinks.Select(link => new RuleDefinition(link.Kind, link.Variables, link.Operator, link.Actions, [], phase, link.Location)).ToArray();
                _items.Add(Build(starter, links));
            }

            _chainStarter = null;
            _chainLinks = [];
            _inBrokenChain = false;
        }
    }

    private void CheckStarter(PendingRule rule)
    {
        if (rule.Id is not { } id)
        {
            var directive = rule.Kind == RuleKind.SecAction ? "SecAction" : "SecRule";
            diagnostics.Report(rule.Location, $"{directive} has no id: every rule except chained sub-rules needs a unique id:N action.");
            return;
        }

        if (_ruleIds.TryGetValue(id, out var first))
        {
            diagnostics.Report(rule.Location, $"Duplicate rule id {id}: already used by the rule at {first}.");
            return;
        }

        _ruleIds[id] = rule.Location;
    }

    private static RuleDefinition Build(PendingRule rule, RuleDefinition[] links) =>
        new(rule.Kind, rule.Variables, rule.Operator, rule.Actions, links, null, rule.Location);

    // A configuration-time exclusion naming one rule that is only defined after it does nothing here (it affects
    // rules defined before it), while libmodsecurity v3 would still apply SecRuleRemoveById at run time; either way
    // it is a misplaced directive, so say so instead of silently diverging.
    private void CheckExclusionOrder()
    {
        var seen = new HashSet<int>();
        foreach (var item in _items)
        {
            switch (item)
            {
                case RuleDefinition { Id: { } id }:
                    seen.Add(id);
                    break;
                case RuleActionUpdate update:
                    CheckDefinedBefore(update.RuleId, "SecRuleUpdateActionById", update.Location, seen);
                    break;
                case RuleTargetUpdate { Filter.Kind: RuleFilterKind.Id } update:
                    CheckDefinedBefore(update.Filter, "SecRuleUpdateTargetById", update.Location, seen);
                    break;
                case RuleRemoval { Filter.Kind: RuleFilterKind.Id } removal:
                    CheckDefinedBefore(removal.Filter, "SecRuleRemoveById", removal.Location, seen);
                    break;
                default:
                    break;
            }
        }
    }

    // Only single ids are checked: a range such as 942000-942999 legitimately spans rules that do not exist.
    private void CheckDefinedBefore(RuleFilter filter, string directive, SourceLocation location, HashSet<int> seen)
    {
        foreach (var range in filter.Ids)
        {
            if (range.First == range.Last)
            {
                CheckDefinedBefore(range.First, directive, location, seen);
            }
        }
    }

    private void CheckDefinedBefore(int id, string directive, SourceLocation location, HashSet<int> seen)
    {
        if (!seen.Contains(id) && _ruleIds.TryGetValue(id, out var definedAt))
        {
            diagnostics.Report(location, $"{directive} {id} comes before rule {id} (defined at {definedAt}) and would change nothing: configuration-time exclusions affect only rules defined before them. Move it after the rule, or use a ctl: action at run time.");
        }
    }
}
