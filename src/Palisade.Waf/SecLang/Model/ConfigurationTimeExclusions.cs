namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// Applies SecRuleRemoveBy*, SecRuleUpdateTargetBy* and SecRuleUpdateActionById in configuration order. Each one sees
/// only the rules defined before it (ModSecurity reference manual: "This directive must be specified after the rule
/// in which it is disabling"; CRS's RESPONSE-999 file relies on it). libmodsecurity v3 instead keeps SecRuleRemoveById
/// as a run-time exception that also hits later rules; v2 and Coraza behave as here.
/// </summary>
internal static class ConfigurationTimeExclusions
{
    public static IReadOnlyList<ConfigurationItem> Apply(IReadOnlyList<ConfigurationItem> items)
    {
        var result = new List<ConfigurationItem>();
        foreach (var item in items)
        {
            switch (item)
            {
                case RuleDefinition or MarkerDefinition:
                    result.Add(item);
                    break;
                case RuleRemoval removal:
                    result.RemoveAll(existing => existing is RuleDefinition rule && removal.Filter.Matches(rule));
                    break;
                case RuleTargetUpdate update:
                    ReplaceMatching(result, update.Filter.Matches, rule => rule.WithVariables(UpdateTargets(rule.Variables, update)));
                    break;
                case RuleActionUpdate update:
                    ReplaceMatching(result, rule => rule.Id == update.RuleId, rule => rule.WithActions(MergeActions(rule.Actions, update.Actions)));
                    break;
                default:
                    break;
            }
        }

        return result;
    }

    private static void ReplaceMatching(List<ConfigurationItem> items, Func<RuleDefinition, bool> matches, Func<RuleDefinition, RuleDefinition> replace)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is RuleDefinition rule && matches(rule))
            {
                items[i] = replace(rule);
            }
        }
    }

    private static RuleVariable[] UpdateTargets(IReadOnlyList<RuleVariable> current, RuleTargetUpdate update)
    {
        var targets = new List<RuleVariable>(current);
        if (update.ReplacedTarget is { } replaced)
        {
            var index = targets.FindIndex(t => t.IsSameTarget(replaced));
            if (index >= 0)
            {
                targets.RemoveAt(index);
                targets.InsertRange(index, update.Targets);
                return targets.ToArray();
            }
        }

        foreach (var target in update.Targets)
        {
            if (!targets.Exists(t => t.IsSameTarget(target)))
            {
                targets.Add(target);
            }
        }

        return targets.ToArray();
    }

    private static RuleAction[] MergeActions(IReadOnlyList<RuleAction> current, IReadOnlyList<RuleAction> updates)
    {
        var merged = new List<RuleAction>(current);
        foreach (var update in updates)
        {
            if (update.Category == ActionCategory.Disruptive)
            {
                merged.RemoveAll(a => a.Category == ActionCategory.Disruptive);
            }
            else if (!IsRepeatable(update.Name))
            {
                var opposite = OppositeOf(update.Name);
                merged.RemoveAll(a => a.Name == update.Name || a.Name == opposite);
            }

            merged.Add(update);
        }

        return merged.ToArray();
    }

    // log/nolog and auditlog/noauditlog are one setting each: the update's word replaces either.
    private static ActionName? OppositeOf(ActionName name) => name switch
    {
        ActionName.Log => ActionName.NoLog,
        ActionName.NoLog => ActionName.Log,
        ActionName.AuditLog => ActionName.NoAuditLog,
        ActionName.NoAuditLog => ActionName.AuditLog,
        _ => null,
    };

    private static bool IsRepeatable(ActionName name) => name is ActionName.Tag or ActionName.Transformation or ActionName.SetVar
        or ActionName.Ctl or ActionName.ExpireVar or ActionName.InitCol or ActionName.SetEnv or ActionName.Xmlns;
}
