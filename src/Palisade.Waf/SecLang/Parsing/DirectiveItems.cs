using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Reads the directives that become one configuration item each: SecMarker and the configuration-time exclusions
/// (SecRuleRemoveBy*, SecRuleUpdateTargetBy*, SecRuleUpdateActionById).
/// </summary>
internal static class DirectiveItems
{
    // An update cannot change what identifies or shapes the rule (ModSecurity reference manual, SecRuleUpdateActionById).
    private static readonly HashSet<ActionName> NotUpdatable = [ActionName.Id, ActionName.Phase, ActionName.Chain];

    public static ConfigurationItem? Read(string directive, DirectiveKind kind, List<ArgumentToken> tokens, LogicalLine line, Diagnostics diagnostics)
    {
        var location = line.Start;
        switch (kind)
        {
            case DirectiveKind.Marker:
                if (!Expect(1, 1, "NAME, e.g. SecMarker \"END-HOST-CHECK\""))
                {
                    return null;
                }

                var marker = tokens[0].Value.Trim();
                if (marker.Length == 0)
                {
                    diagnostics.Report(tokens[0].Location, "SecMarker needs a non-empty name.");
                    return null;
                }

                return new MarkerDefinition(marker, location);
            case DirectiveKind.RemoveById:
                if (!Expect(1, int.MaxValue, "one or more ids or ranges, e.g. SecRuleRemoveById 920100 942100-942999"))
                {
                    return null;
                }

                var ranges = new List<RuleIdRange>();
                var ok = true;
                foreach (var token in tokens)
                {
                    if (RuleIdRangeParser.Parse(TextSource.Of(token), directive, diagnostics) is { } parsed)
                    {
                        ranges.AddRange(parsed);
                    }
                    else
                    {
                        ok = false;
                    }
                }

                return ok ? new RuleRemoval(RuleFilter.ById(ranges.ToArray()), location) : null;
            case DirectiveKind.RemoveByTag or DirectiveKind.RemoveByMsg:
                if (!Expect(1, 1, kind == DirectiveKind.RemoveByTag ? "TAG-PATTERN, e.g. SecRuleRemoveByTag \"attack-sqli\"" : "MSG-PATTERN, e.g. SecRuleRemoveByMsg \"SQL Injection\""))
                {
                    return null;
                }

                var filterKind = kind == DirectiveKind.RemoveByTag ? RuleFilterKind.Tag : RuleFilterKind.Msg;
                return ControlActionParser.PatternFilter(filterKind, tokens[0].Value, directive, TextSource.Of(tokens[0]), diagnostics) is { } filter
                    ? new RuleRemoval(filter, location)
                    : null;
            case DirectiveKind.UpdateTargetById or DirectiveKind.UpdateTargetByTag or DirectiveKind.UpdateTargetByMsg:
                return ReadTargetUpdate();
            case DirectiveKind.UpdateActionById:
                if (!Expect(2, 2, "ID \"ACTIONS\", e.g. SecRuleUpdateActionById 942100 \"pass\""))
                {
                    return null;
                }

                if (!RuleIdRangeParser.TryParseId(tokens[0].Value, out var id))
                {
                    diagnostics.Report(tokens[0].Location, $"{directive}: '{Shown.Text(tokens[0].Value)}' is not a rule id; expected one positive integer such as 942100.");
                    return null;
                }

                var actions = ActionListParser.Parse(TextSource.Of(tokens[1]), diagnostics);
                if (actions is null)
                {
                    return null;
                }

                foreach (var action in actions)
                {
                    if (NotUpdatable.Contains(action.Name))
                    {
                        diagnostics.Report(action.Location, $"{directive} cannot change '{ActionCatalog.NameOf(action.Name)}'; it updates other actions of an existing rule.");
                        return null;
                    }
                }

                return new RuleActionUpdate(id, actions, location);
            default:
                throw new InvalidOperationException($"{kind} is not an item directive.");
        }

        ConfigurationItem? ReadTargetUpdate()
        {
            if (!Expect(2, 3, "RULES TARGETS [REPLACED-TARGET], e.g. SecRuleUpdateTargetById 942100 \"!ARGS:password\""))
            {
                return null;
            }

            var selection = TextSource.Of(tokens[0]);
            RuleFilter? filter = kind == DirectiveKind.UpdateTargetById
                ? RuleIdRangeParser.Parse(selection, directive, diagnostics) is { } ids ? RuleFilter.ById(ids) : null
                : ControlActionParser.PatternFilter(kind == DirectiveKind.UpdateTargetByTag ? RuleFilterKind.Tag : RuleFilterKind.Msg, tokens[0].Value, directive, selection, diagnostics);
            var targets = VariableListParser.Parse(TextSource.Of(tokens[1]), diagnostics);
            RuleVariable? replaced = null;
            if (tokens.Count == 3)
            {
                var replacedList = VariableListParser.Parse(TextSource.Of(tokens[2]), diagnostics);
                if (replacedList is { Length: not 1 })
                {
                    diagnostics.Report(tokens[2].Location, $"{directive}: the third argument names the one target to replace, found {replacedList.Length}.");
                    return null;
                }

                if (replacedList is null)
                {
                    return null;
                }

                replaced = replacedList[0];
            }

            return filter is null || targets is null ? null : new RuleTargetUpdate(filter, targets, replaced, location);
        }

        bool Expect(int min, int max, string form)
        {
            if (tokens.Count >= min && tokens.Count <= max)
            {
                return true;
            }

            diagnostics.Report(location, $"{directive} takes {form}; found {tokens.Count} argument{(tokens.Count == 1 ? "" : "s")}.");
            return false;
        }
    }
}
