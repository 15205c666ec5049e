using System.Collections.Immutable;
using System.Text;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// Compiles one NIC's entry list for one direction into chains whose first match decides exactly as the
/// evaluator's first matching entry does.
/// </summary>
/// <remarks>
/// Small lists become one linear chain, an nft rule per entry in order, which is what a reader expects to see
/// for the tutorial. Once any layer (<see cref="AtomLayering"/>) reaches <see cref="NftCompileOptions.SetThreshold"/>
/// entries, the NIC chain instead splits packets by family and by tcp/udp versus other protocols (an entry of
/// several protocols becomes one atom per side) and each of the four sub-chains tests its layers in order: a
/// large layer as one lookup per verdict in an interval map from key to the entry's named counter
/// (<c>counter name KEY map @m accept</c>), a small layer as plain rules. Atoms that an earlier atom covers entirely
/// are left out of these chains (<see cref="CoveredAtoms"/>): they could never decide a packet. Every chain ends
/// with a drop, so a list without catch-all defaults fails closed, as the evaluator does.
/// <para>
/// Counter maps rather than verdict maps whose elements jump to a per-rule "count and decide" chain: with 10,000
/// rules the 10,000 extra chains doubled the load time (nft -f 1.1–1.2 s against 0.55–0.6 s here), while a
/// packet that reaches a large layer costs at most one extra lookup.
/// </para>
/// </remarks>
internal sealed class NicChainCompiler(RulesetBuilder builder, int setThreshold)
{
    private const string FailClosed = "drop";

    private static readonly (IpFamily Family, MatchShape Shape, string Suffix)[] Groups =
    [
        (IpFamily.IPv4, MatchShape.Ports, "v4_ports"),
        (IpFamily.IPv4, MatchShape.NoPorts, "v4_other"),
        (IpFamily.IPv6, MatchShape.Ports, "v6_ports"),
        (IpFamily.IPv6, MatchShape.NoPorts, "v6_other"),
    ];

    /// <summary>Adds the chains for the list and returns the name of the chain to jump to.</summary>
    public string Compile(ImmutableArray<PolicyEntry> entries, string nicPrefix, string deviceName, Direction direction)
    {
        var counters = new string[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            counters[i] = DeclareCounter(entries[i], nicPrefix, deviceName, direction);
        }

        var grouped = Groups.Select(_ => new List<MatchAtom>()).ToArray();
        for (var i = 0; i < entries.Length; i++)
        {
            var (ports, noPorts) = entries[i].Family == IpFamily.IPv4 ? (grouped[0], grouped[1]) : (grouped[2], grouped[3]);
            MatchAtom.Split(entries[i], i, ports, noPorts);
        }

        var atoms = grouped.Select(g => CoveredAtoms.Remove([.. g])).ToArray();
        var layers = atoms.Select(AtomLayering.Assign).ToArray();
        var anyMapLayer = atoms.Zip(layers).Any(group => group.Second
            .Select((layer, atom) => (Layer: layer, Atom: group.First[atom]))
            .GroupBy(member => member.Layer)
            .Any(layer => IsMapLayer([.. layer.Select(member => member.Atom)])));
        if (!anyMapLayer)
        {
            builder.AddChain(nicPrefix, null, LinearRules(entries, counters));
            return nicPrefix;
        }

        var dispatch = new List<string>();
        var groupChains = new List<(string Name, List<string> Rules)>();
        for (var g = 0; g < Groups.Length; g++)
        {
            if (atoms[g].Length == 0)
            {
                continue;
            }

            var (family, shape, suffix) = Groups[g];
            var chain = $"{nicPrefix}_{suffix}";
            groupChains.Add((chain, LayeredRules(chain, atoms[g], layers[g], entries, counters)));
            var protocols = shape == MatchShape.Ports ? "" : "!= ";
            dispatch.Add($"meta nfproto {NftMatchText.FamilyKeyword(family)} meta l4proto {protocols}{NftMatchText.PortProtocolsSet} goto {chain}");
        }

        dispatch.Add(FailClosed);
        builder.AddChain(nicPrefix, null, dispatch);
        foreach (var (name, rules) in groupChains)
        {
            builder.AddChain(name, null, rules);
        }

        return nicPrefix;
    }

    private string DeclareCounter(PolicyEntry entry, string nicPrefix, string deviceName, Direction direction)
    {
        if (entry.Kind == EntryKind.Rule && entry.SecurityGroupRuleId is { } ruleId)
        {
            var counter = NftNames.RuleCounter(ruleId);
            builder.DeclareCounter(new NftCounter(counter, ruleId, null));
            return counter;
        }

        var (counterName, name) = NftNames.KindCounter(nicPrefix, entry.Kind, direction);
        builder.DeclareCounter(new NftCounter(counterName, name, deviceName));
        return counterName;
    }

    private static List<string> LinearRules(ImmutableArray<PolicyEntry> entries, string[] counters)
    {
        var rules = new List<string>(entries.Length + 1);
        var atoms = new List<MatchAtom>(2);
        var text = new StringBuilder();
        for (var i = 0; i < entries.Length; i++)
        {
            atoms.Clear();
            MatchAtom.ForLinearChain(entries[i], i, atoms);
            foreach (var atom in atoms)
            {
                rules.Add(Rule(text, atom, guarded: false, counters[i], entries[i].Verdict));
            }
        }

        rules.Add(FailClosed);
        return rules;
    }

    private List<string> LayeredRules(
        string chain, MatchAtom[] atoms, int[] layers, ImmutableArray<PolicyEntry> entries, string[] counters)
    {
        var rules = new List<string>();
        var text = new StringBuilder();
        var byLayer = Enumerable.Range(0, atoms.Length).GroupBy(i => layers[i]).OrderBy(g => g.Key);
        foreach (var layer in byLayer)
        {
            var members = layer.Select(i => atoms[i]).ToArray();
            if (!IsMapLayer(members))
            {
                foreach (var atom in members)
                {
                    rules.Add(Rule(text, atom, guarded: true, counters[atom.EntryIndex], entries[atom.EntryIndex].Verdict));
                }

                continue;
            }

            // One counter map per verdict: "counter name KEY map @m accept" counts on the matching element's named
            // counter and accepts; a packet not in the map goes on to the next rule.
            var fields = NftMatchText.UsedFields(members);
            var family = members[0].Family;
            var byVerdict = members
                .GroupBy(atom => entries[atom.EntryIndex].Verdict)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key);
            foreach (var verdictAtoms in byVerdict)
            {
                var verdict = verdictAtoms.Key == Verdict.Accept ? "accept" : "drop";
                var map = $"{chain}_l{layer.Key}_{verdict}";
                var elements = new List<string>();
                foreach (var atom in verdictAtoms)
                {
                    text.Clear();
                    NftMatchText.AppendMapKey(text, atom, fields);
                    elements.Add(text.Append(" : \"").Append(counters[atom.EntryIndex]).Append('"').ToString());
                }

                builder.AddCounterMap(map, NftMatchText.MapKeyType(family, fields), elements);
                rules.Add($"counter name {NftMatchText.MapLookup(family, fields)} map @{map} {verdict}");
            }
        }

        rules.Add(FailClosed);
        return rules;
    }

    /// <summary>
    /// A layer becomes maps when it is large enough and its atoms differ in some field (a layer of catch-alls has
    /// no key to look up).
    /// </summary>
    private bool IsMapLayer(MatchAtom[] members) =>
        members.Length >= setThreshold && NftMatchText.UsedFields(members) != MapFields.None;

    private static string Rule(StringBuilder text, in MatchAtom atom, bool guarded, string counter, Verdict verdict)
    {
        text.Clear();
        NftMatchText.AppendRuleMatch(text, atom, guarded);
        return text.Append(RulesetBuilder.CountAndDecide(counter, verdict)).ToString();
    }
}
