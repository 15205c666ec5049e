using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// The compiled first-match classifier over an ordered list of <see cref="PolicyEntry"/>: immutable after
/// construction, safe to share between threads, and allocation-free per packet. Entries are split by address
/// family (an entry never matches a packet of the other family), and each family gets a
/// <see cref="BitVectorClassifier"/> that keeps the entries' relative order.
/// </summary>
internal sealed class PacketClassifier
{
    private readonly BitVectorClassifier? _ipv4;
    private readonly BitVectorClassifier? _ipv6;

    public PacketClassifier(ImmutableArray<PolicyEntry> entries)
    {
        Entries = entries.IsDefault ? [] : entries;
        _ipv4 = Compile(Entries, IpFamily.IPv4);
        _ipv6 = Compile(Entries, IpFamily.IPv6);
    }

    public ImmutableArray<PolicyEntry> Entries { get; }

    /// <summary>Bytes held by the compiled tables (not counting the entries themselves).</summary>
    public long MemoryBytes => (_ipv4?.MemoryBytes ?? 0) + (_ipv6?.MemoryBytes ?? 0);

    /// <summary>The index in <see cref="Entries"/> of the first entry that matches the packet, or -1.</summary>
    public int FindFirstMatch(in PacketQuery packet)
    {
        var family = packet.Family == IpFamily.IPv4 ? _ipv4 : _ipv6;
        return family is null ? -1 : family.FindFirst(packet);
    }

    /// <summary>The first entry that matches the packet, or null.</summary>
    public PolicyEntry? FirstMatch(in PacketQuery packet)
    {
        var index = FindFirstMatch(packet);
        return index < 0 ? null : Entries[index];
    }

    private static BitVectorClassifier? Compile(ImmutableArray<PolicyEntry> entries, IpFamily family)
    {
        var selected = new List<PolicyEntry>();
        var indexes = new List<int>();
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Family == family)
            {
                selected.Add(entries[i]);
                indexes.Add(i);
            }
        }

        return selected.Count == 0 ? null : new BitVectorClassifier(family, selected, [.. indexes]);
    }
}
