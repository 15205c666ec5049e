using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// The traffic one pooled rule matches on a NIC, per address family: a box of protocols, ports and instance-side
/// block that all the rule's entries share, and the union of the peer blocks its entries resolved to (a CIDR, a
/// group's members, a prefix list's entries). Comparing footprints compares rules, not single entries.
/// </summary>
internal sealed class RuleFootprint
{
    private readonly Side?[] _sides = new Side?[2];

    private RuleFootprint(string ruleId, Verdict verdict, int priority)
    {
        RuleId = ruleId;
        Verdict = verdict;
        Priority = priority;
    }

    public string RuleId { get; }

    public Verdict Verdict { get; }

    public int Priority { get; }

    /// <summary>Rule entries of one direction, grouped by rule in evaluation order; rules without entries match nothing and are left out.</summary>
    public static List<RuleFootprint> FromEntries(IEnumerable<PolicyEntry> entries, Direction direction)
    {
        var byRule = new Dictionary<string, (RuleFootprint Rule, List<PolicyEntry>[] Entries)>(StringComparer.Ordinal);
        var ordered = new List<RuleFootprint>();
        foreach (var entry in entries.Where(e => e.Kind == EntryKind.Rule && e.SecurityGroupRuleId is not null))
        {
            if (!byRule.TryGetValue(entry.SecurityGroupRuleId!, out var rule))
            {
                rule = (new RuleFootprint(entry.SecurityGroupRuleId!, entry.Verdict, entry.Priority), [[], []]);
                byRule.Add(entry.SecurityGroupRuleId!, rule);
                ordered.Add(rule.Rule);
            }

            rule.Entries[IndexOf(entry.Family)].Add(entry);
        }

        foreach (var (rule, familyEntries) in byRule.Values)
        {
            for (var f = 0; f < 2; f++)
            {
                if (familyEntries[f].Count > 0)
                {
                    var first = familyEntries[f][0];
                    var local = direction == Direction.Ingress ? first.Destination : first.Source;
                    var peers = AddressRangeSet.Of(familyEntries[f].Select(e => direction == Direction.Ingress ? e.Source : e.Destination));
                    rule._sides[f] = new Side(
                        new Box(first.ProtocolLow, first.ProtocolHigh, first.SourcePortLow, first.SourcePortHigh,
                            first.DestinationPortLow, first.DestinationPortHigh, local),
                        peers);
                }
            }
        }

        return ordered;
    }

    /// <summary>True when every packet this rule matches is also matched by <paramref name="other"/>.</summary>
    public bool IsCoveredBy(RuleFootprint other)
    {
        for (var f = 0; f < 2; f++)
        {
            if (_sides[f] is { } mine
                && (other._sides[f] is not { } theirs || !theirs.Box.Contains(mine.Box) || !theirs.HullHolds(mine) || !theirs.Peers.Covers(mine.Peers)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when some packet matches both rules.</summary>
    public bool Overlaps(RuleFootprint other)
    {
        for (var f = 0; f < 2; f++)
        {
            if (_sides[f] is { } mine && other._sides[f] is { } theirs && mine.HullMeets(theirs) && mine.Box.Overlaps(theirs.Box)
                && mine.Peers.Overlaps(theirs.Peers))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Sweeps the rules before index <paramref name="before"/> in evaluation order over this rule's peers. A rule whose
    /// box holds this rule's box takes the peers it matches out of what is left: it is a decider. A rule of the other
    /// verdict whose box only overlaps, and that meets peers still left, decides part of the traffic too: it is
    /// opposed. Returns both, in evaluation order, and whether no peer was left — then this rule never applies.
    /// Partial-box rules take nothing out, so "never applies" is sound, but a rule hidden only by such rules is missed.
    /// </summary>
    public EarlierDeciders DecidersAmong(List<RuleFootprint> rules, int before)
    {
        var deciders = new List<RuleFootprint>();
        var opposed = new List<RuleFootprint>();
        var left = new AddressRangeSet?[2];
        for (var f = 0; f < 2; f++)
        {
            left[f] = _sides[f]?.Peers;
        }

        for (var i = 0; i < before && (left[0] is { IsEmpty: false } || left[1] is { IsEmpty: false }); i++)
        {
            var other = rules[i];
            var (took, meets) = (false, false);
            for (var f = 0; f < 2; f++)
            {
                if (left[f] is not { IsEmpty: false } undecided || other._sides[f] is not { } theirs
                    || !theirs.Box.Overlaps(_sides[f]!.Value.Box) || !theirs.Peers.Overlaps(undecided))
                {
                    continue;
                }

                if (theirs.Box.Contains(_sides[f]!.Value.Box))
                {
                    left[f] = undecided.Except(theirs.Peers);
                    took = true;
                }
                else
                {
                    meets = true;
                }
            }

            if (took)
            {
                deciders.Add(other);
            }
            else if (meets && other.Verdict != Verdict)
            {
                opposed.Add(other);
            }
        }

        return new EarlierDeciders(deciders, opposed, left.All(l => l is null || l.IsEmpty));
    }

    private static int IndexOf(IpFamily family) => family == IpFamily.IPv4 ? 0 : 1;

    /// <summary>One family's box and peers; the peers' first and last address give a cheap first test before set operations.</summary>
    private readonly record struct Side(Box Box, AddressRangeSet Peers)
    {
        private UInt128 First => Peers.Ranges[0].First;

        private UInt128 Last => Peers.Ranges[^1].Last;

        public bool HullMeets(Side other) => First <= other.Last && other.First <= Last;

        public bool HullHolds(Side other) => First <= other.First && other.Last <= Last;
    }

    private readonly record struct Box(
        byte ProtocolLow, byte ProtocolHigh, ushort SourcePortLow, ushort SourcePortHigh,
        ushort DestinationPortLow, ushort DestinationPortHigh, Cidr Local)
    {
        public bool Contains(Box other) =>
            ProtocolLow <= other.ProtocolLow && other.ProtocolHigh <= ProtocolHigh
            && SourcePortLow <= other.SourcePortLow && other.SourcePortHigh <= SourcePortHigh
            && DestinationPortLow <= other.DestinationPortLow && other.DestinationPortHigh <= DestinationPortHigh
            && Local.Contains(other.Local);

        public bool Overlaps(Box other) =>
            ProtocolLow <= other.ProtocolHigh && other.ProtocolLow <= ProtocolHigh
            && SourcePortLow <= other.SourcePortHigh && other.SourcePortLow <= SourcePortHigh
            && DestinationPortLow <= other.DestinationPortHigh && other.DestinationPortLow <= DestinationPortHigh
            && Local.Overlaps(other.Local);
    }
}

/// <summary>What <see cref="RuleFootprint.DecidersAmong"/> found among the earlier rules.</summary>
internal sealed record EarlierDeciders(List<RuleFootprint> Deciders, List<RuleFootprint> PartlyOpposed, bool FullyDecided);
