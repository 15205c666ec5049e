using System.Collections.Immutable;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// First match by scanning every entry in order: the baseline the benchmark compares <see cref="PacketClassifier"/>
/// with, and the oracle of its tests. The entries are flattened into an array of plain bounds so that the baseline
/// is a fair one (what a one-rule-per-line firewall chain does), not a strawman chasing references.
/// </summary>
internal sealed class LinearClassifier
{
    private readonly EntryBounds[] _bounds;

    public LinearClassifier(ImmutableArray<PolicyEntry> entries)
    {
        Entries = entries.IsDefault ? [] : entries;
        _bounds = [.. Entries.Select(e => new EntryBounds(e))];
    }

    public ImmutableArray<PolicyEntry> Entries { get; }

    public int FindFirstMatch(in PacketQuery packet)
    {
        var bounds = _bounds;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (bounds[i].Matches(packet))
            {
                return i;
            }
        }

        return -1;
    }

    public PolicyEntry? FirstMatch(in PacketQuery packet)
    {
        var index = FindFirstMatch(packet);
        return index < 0 ? null : Entries[index];
    }
}
