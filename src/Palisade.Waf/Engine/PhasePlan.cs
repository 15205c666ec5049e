using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// The rules of one phase in configuration order, with every SecMarker in its place (ModSecurity v3 puts each marker
/// in every phase, so skipAfter finds it wherever it jumps from). Null entries are markers. skipAfter targets are
/// resolved here once: the index after the marker (or rule id) named, or the end of the phase when there is none.
/// </summary>
internal sealed class PhasePlan
{
    public PhasePlan(int phase, IReadOnlyList<(CompiledRule? Rule, string? Marker)> entries)
    {
        Phase = phase;
        Rules = new CompiledRule?[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            Rules[i] = entries[i].Rule;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Rule is not { Definition.SkipAfter: { } target } rule)
            {
                continue;
            }

            rule.SkipAfterIndex = entries.Count;
            for (var j = i + 1; j < entries.Count; j++)
            {
                if (string.Equals(entries[j].Marker, target, StringComparison.Ordinal)
                    || (entries[j].Rule is { } candidate && string.Equals(candidate.IdText, target, StringComparison.Ordinal)))
                {
                    rule.SkipAfterIndex = j + 1;
                    break;
                }
            }
        }
    }

    public int Phase { get; }

    /// <summary>Rules in order; null where a marker stands.</summary>
    public CompiledRule?[] Rules { get; }

    public static PhasePlan[] Build(IReadOnlyList<ConfigurationItem> items, Func<RuleDefinition, CompiledRule> compile)
    {
        var entries = new List<(CompiledRule?, string?)>[6];
        for (var phase = 1; phase <= 5; phase++)
        {
            entries[phase] = [];
        }

        foreach (var item in items)
        {
            switch (item)
            {
                case RuleDefinition rule when rule.Phase is >= 1 and <= 5:
                    entries[rule.Phase].Add((compile(rule), null));
                    break;
                case MarkerDefinition marker:
                    for (var phase = 1; phase <= 5; phase++)
                    {
                        entries[phase].Add((null, marker.Name));
                    }

                    break;
                default:
                    break;
            }
        }

        var plans = new PhasePlan[6];
        for (var phase = 1; phase <= 5; phase++)
        {
            plans[phase] = new PhasePlan(phase, entries[phase]);
        }

        plans[0] = new PhasePlan(0, []);
        return plans;
    }
}
