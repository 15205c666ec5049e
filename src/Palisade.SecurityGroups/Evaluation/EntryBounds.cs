using Palisade.Core;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>The box of a <see cref="PolicyEntry"/> as plain bounds: what a scan compares a packet with.</summary>
internal readonly struct EntryBounds(PolicyEntry entry)
{
    private readonly UInt128 _sourceFirst = entry.Source.Network;
    private readonly UInt128 _sourceLast = entry.Source.Last;
    private readonly UInt128 _destinationFirst = entry.Destination.Network;
    private readonly UInt128 _destinationLast = entry.Destination.Last;
    private readonly IpFamily _family = entry.Family;
    private readonly byte _protocolLow = entry.ProtocolLow;
    private readonly byte _protocolHigh = entry.ProtocolHigh;
    private readonly ushort _sourcePortLow = entry.SourcePortLow;
    private readonly ushort _sourcePortHigh = entry.SourcePortHigh;
    private readonly ushort _destinationPortLow = entry.DestinationPortLow;
    private readonly ushort _destinationPortHigh = entry.DestinationPortHigh;

    public bool Matches(in PacketQuery packet) =>
        packet.Family == _family
        && packet.Protocol >= _protocolLow && packet.Protocol <= _protocolHigh
        && packet.DestinationPort >= _destinationPortLow && packet.DestinationPort <= _destinationPortHigh
        && packet.Source >= _sourceFirst && packet.Source <= _sourceLast
        && packet.Destination >= _destinationFirst && packet.Destination <= _destinationLast
        && packet.SourcePort >= _sourcePortLow && packet.SourcePort <= _sourcePortHigh;
}
