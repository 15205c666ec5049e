using System.Collections.Immutable;
using System.Globalization;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// Finds rule-set anomalies in the pooled rule list of a NIC, after E. Al-Shaer and H. Hamed, "Firewall Policy
/// Advisor for Anomaly Discovery and Rule Editing" (IEEE INFOCOM 2004): shadowed, redundant, correlated and
/// generalising rules, for rules x evaluated before y.
/// </summary>
/// <remarks>
/// Rules are compared as a whole (<see cref="RuleFootprint"/>): a rule whose peer is a group or prefix list has
/// one entry per address block, and is shadowed only if all of them are.
/// <list type="bullet">
/// <item>y never applies when an earlier rule covers it, or — beyond the paper's pairwise relations — when the
/// earlier rules whose protocols and ports hold y's together cover its peers. It is <b>shadowed</b> when a rule of
/// the other verdict decides some of its traffic (one of those rules, or an earlier rule that overlaps y where no
/// covering rule decided first), else <b>redundant</b>.</item>
/// <item>x is <b>redundant</b> when a later y of the same verdict covers it and no rule in between that overlaps x
/// has the other verdict (removing x changes nothing).</item>
/// <item>y is a <b>generalization</b> of x when y strictly covers x and their verdicts differ (usually intended:
/// "allow one address, deny the rest").</item>
/// <item>x and y are <b>correlated</b> when they partly overlap and their verdicts differ.</item>
/// </list>
/// A rule that never applies takes no further part: its relations to other rules cannot change any packet.
/// Cost: O(n²) footprint comparisons and, per rule, one sweep over the earlier rules — O(n²) operations on small
/// range sets in all; about 0.1 s for the 1,000 rules a NIC may have.
/// </remarks>
public static class AnomalyAnalyzer
{
    /// <summary>Anomalies of every NIC, ingress then egress.</summary>
    public static ImmutableArray<RuleAnomalyFinding> Analyze(EffectivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. policy.Nics.SelectMany(nic => Analyze(nic, Direction.Ingress).Concat(Analyze(nic, Direction.Egress)))];
    }

    /// <summary>Anomalies of one NIC and direction, ordered by the evaluation order of the rule they are about.</summary>
    public static ImmutableArray<RuleAnomalyFinding> Analyze(NicEffectivePolicy nic, Direction direction)
    {
        ArgumentNullException.ThrowIfNull(nic);
        var rules = RuleFootprint.FromEntries(nic.EntriesFor(direction), direction);
        var findings = new List<(int Order, RuleAnomalyFinding Finding)>();
        var context = new Context(nic, direction);
        var dead = new bool[rules.Count];

        for (var y = 0; y < rules.Count; y++)
        {
            if (NeverApplies(rules, y, context) is { } finding)
            {
                dead[y] = true;
                findings.Add((y, finding));
            }
        }

        var nextConflict = NextConflicts(rules);
        var redundantEarlier = new bool[rules.Count];
        for (var y = 0; y < rules.Count; y++)
        {
            if (dead[y])
            {
                continue;
            }

            for (var x = 0; x < y; x++)
            {
                if (dead[x])
                {
                    continue;
                }

                var (earlier, later) = (rules[x], rules[y]);
                if (earlier.Verdict == later.Verdict)
                {
                    if (!redundantEarlier[x] && nextConflict[x] > y && earlier.IsCoveredBy(later))
                    {
                        redundantEarlier[x] = true;
                        findings.Add((x, context.Finding(AnomalyType.Redundant, earlier, [later],
                            $"Rule {earlier.RuleId} ({Verdict(earlier)}, priority {earlier.Priority}) is redundant: rule {later.RuleId}, evaluated later, matches all of its traffic with the same verdict and no rule in between decides otherwise. It can be removed.")));
                    }

                    continue;
                }

                if (earlier.IsCoveredBy(later))
                {
                    findings.Add((y, context.Finding(AnomalyType.Generalization, later, [earlier],
                        $"Rule {later.RuleId} ({Verdict(later)}, priority {later.Priority}) generalizes rule {earlier.RuleId} ({Verdict(earlier)}, priority {earlier.Priority}): it matches all of that rule's traffic and more, and the earlier rule makes an exception to it. This is usually intended (allow a few, deny the rest); check that it is.")));
                }
                else if (earlier.Overlaps(later))
                {
                    findings.Add((y, context.Finding(AnomalyType.Correlated, later, [earlier],
                        $"Rules {earlier.RuleId} ({Verdict(earlier)}, priority {earlier.Priority}) and {later.RuleId} ({Verdict(later)}, priority {later.Priority}) partly overlap with different verdicts: traffic matching both is {Past(earlier)} by {earlier.RuleId}, which is evaluated first. Check that the order is intended.")));
                }
            }
        }

        return [.. findings.OrderBy(f => f.Order).Select(f => f.Finding)];
    }

    /// <summary>A finding when rule <paramref name="y"/> never applies, else null.</summary>
    private static RuleAnomalyFinding? NeverApplies(List<RuleFootprint> rules, int y, Context context)
    {
        var rule = rules[y];
        var earlier = rule.DecidersAmong(rules, y);
        if (!earlier.FullyDecided)
        {
            return null;
        }

        var deciders = earlier.Deciders;
        var named = new HashSet<RuleFootprint>(deciders.Concat(earlier.PartlyOpposed));
        var involved = rules.Take(y).Where(named.Contains).ToList();
        var ruleList = string.Join(", ", deciders.Select(d => d.RuleId));
        var them = deciders.Count == 1 ? $"rule {ruleList} matches" : $"rules {ruleList} together match";
        if (involved.FirstOrDefault(x => x.Verdict != rule.Verdict) is { } first)
        {
            return context.Finding(AnomalyType.Shadowed, rule, [first, .. involved.Where(x => x != first)],
                $"Rule {rule.RuleId} ({Verdict(rule)}, priority {rule.Priority}) never applies: {them} all of its traffic first, and rule {first.RuleId} {Verdict(first)}s {(involved.Count == 1 ? "it" : "part of it")}. Remove it, or give it a smaller priority number than {first.RuleId}.");
        }

        return context.Finding(AnomalyType.Redundant, rule, deciders,
            $"Rule {rule.RuleId} ({Verdict(rule)}, priority {rule.Priority}) never applies: {them} all of its traffic first, with the same verdict. It can be removed.");
    }

    /// <summary>
    /// For each rule x, the first later rule that overlaps it with the other verdict (rules.Count when none). Rules that
    /// never apply count too: x may be what hides them, and removing x would bring them back.
    /// </summary>
    private static int[] NextConflicts(List<RuleFootprint> rules)
    {
        var next = new int[rules.Count];
        for (var x = 0; x < rules.Count; x++)
        {
            next[x] = rules.Count;
            for (var z = x + 1; z < rules.Count; z++)
            {
                if (rules[z].Verdict != rules[x].Verdict && rules[z].Overlaps(rules[x]))
                {
                    next[x] = z;
                    break;
                }
            }
        }

        return next;
    }

    private static string Verdict(RuleFootprint rule) => rule.Verdict == Effective.Verdict.Accept ? "accept" : "drop";

    private static string Past(RuleFootprint rule) => rule.Verdict == Effective.Verdict.Accept ? "accepted" : "dropped";

    private sealed class Context(NicEffectivePolicy nic, Direction direction)
    {
        public RuleAnomalyFinding Finding(AnomalyType type, RuleFootprint rule, List<RuleFootprint> others, string explanation) => new()
        {
            Type = type,
            NetworkInterfaceId = nic.Nic.NetworkInterfaceId,
            DeviceName = nic.Nic.DeviceName,
            Direction = direction,
            SecurityGroupRuleId = rule.RuleId,
            OtherSecurityGroupRuleId = others[0].RuleId,
            OtherSecurityGroupRuleIds = [.. others.Select(o => o.RuleId)],
            Explanation = string.Create(CultureInfo.InvariantCulture, $"{explanation} ({direction.ToCanonical()} on {nic.Nic.DeviceName})"),
        };
    }
}
