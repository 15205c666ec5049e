using Palisade.Core;

namespace Palisade.SecurityGroups.Effective;

/// <summary>
/// One line of an effective policy: a box in (protocol, source, destination, source port, destination port) space
/// of one address family, and the verdict of packets inside it. A rule becomes one entry per address block its
/// peer resolves to. Packets of protocols without ports are matched with port 0, and every entry that can match
/// them spans all ports, so one shape serves every protocol.
/// </summary>
public sealed record PolicyEntry
{
    public required EntryKind Kind { get; init; }

    public required Verdict Verdict { get; init; }

    public required IpFamily Family { get; init; }

    public byte ProtocolLow { get; init; }

    public byte ProtocolHigh { get; init; } = byte.MaxValue;

    public required Cidr Source { get; init; }

    public required Cidr Destination { get; init; }

    public ushort SourcePortLow { get; init; }

    public ushort SourcePortHigh { get; init; } = ushort.MaxValue;

    public ushort DestinationPortLow { get; init; }

    public ushort DestinationPortHigh { get; init; } = ushort.MaxValue;

    /// <summary>The group of the rule (Rule and IntraGroup entries).</summary>
    public string? SecurityGroupId { get; init; }

    /// <summary>The rule this entry came from (Rule entries).</summary>
    public string? SecurityGroupRuleId { get; init; }

    /// <summary>The rule's priority (Rule entries); 0 otherwise.</summary>
    public int Priority { get; init; }

    public bool AllProtocols => ProtocolLow == 0 && ProtocolHigh == byte.MaxValue;

    public bool AllSourcePorts => SourcePortLow == 0 && SourcePortHigh == ushort.MaxValue;

    public bool AllDestinationPorts => DestinationPortLow == 0 && DestinationPortHigh == ushort.MaxValue;

    public bool Matches(in PacketQuery packet) =>
        packet.Family == Family
        && packet.Protocol >= ProtocolLow && packet.Protocol <= ProtocolHigh
        && Source.Contains(Family, packet.Source) && Destination.Contains(Family, packet.Destination)
        && packet.SourcePort >= SourcePortLow && packet.SourcePort <= SourcePortHigh
        && packet.DestinationPort >= DestinationPortLow && packet.DestinationPort <= DestinationPortHigh;

    /// <summary>True when some packet matches both entries.</summary>
    public bool Overlaps(PolicyEntry other) =>
        Family == other.Family
        && ProtocolLow <= other.ProtocolHigh && other.ProtocolLow <= ProtocolHigh
        && Source.Overlaps(other.Source) && Destination.Overlaps(other.Destination)
        && SourcePortLow <= other.SourcePortHigh && other.SourcePortLow <= SourcePortHigh
        && DestinationPortLow <= other.DestinationPortHigh && other.DestinationPortLow <= DestinationPortHigh;

    /// <summary>True when every packet matching <paramref name="other"/> also matches this entry.</summary>
    public bool Covers(PolicyEntry other) =>
        Family == other.Family
        && ProtocolLow <= other.ProtocolLow && other.ProtocolHigh <= ProtocolHigh
        && Source.Contains(other.Source) && Destination.Contains(other.Destination)
        && SourcePortLow <= other.SourcePortLow && other.SourcePortHigh <= SourcePortHigh
        && DestinationPortLow <= other.DestinationPortLow && other.DestinationPortHigh <= DestinationPortHigh;
}
