using Palisade.Core;
using Palisade.SecurityGroups.Effective;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// The part of a <see cref="PolicyEntry"/> that one kind of packet can match, as one box that nftables can test
/// with one rule or one map element. A <see cref="MatchShape.Ports"/> atom's protocols are a subset of {tcp, udp}
/// (6, 17 or the interval 6–17, which only tcp and udp packets ever reach); a <see cref="MatchShape.NoPorts"/>
/// atom keeps the entry's protocol interval, which the chain's guard already narrowed to the other protocols.
/// </summary>
internal readonly record struct MatchAtom(
    int EntryIndex,
    MatchShape Shape,
    IpFamily Family,
    byte ProtocolLow,
    byte ProtocolHigh,
    Cidr Source,
    Cidr Destination,
    ushort SourcePortLow,
    ushort SourcePortHigh,
    ushort DestinationPortLow,
    ushort DestinationPortHigh)
{
    public bool AllSourcePorts => SourcePortLow == 0 && SourcePortHigh == ushort.MaxValue;

    public bool AllDestinationPorts => DestinationPortLow == 0 && DestinationPortHigh == ushort.MaxValue;

    public bool AllProtocols => ProtocolLow == 0 && ProtocolHigh == byte.MaxValue;

    /// <summary>True when some packet matches both atoms (which must be of one family and shape).</summary>
    public bool Overlaps(in MatchAtom other) =>
        ProtocolLow <= other.ProtocolHigh && other.ProtocolLow <= ProtocolHigh
        && SourcePortLow <= other.SourcePortHigh && other.SourcePortLow <= SourcePortHigh
        && DestinationPortLow <= other.DestinationPortHigh && other.DestinationPortLow <= DestinationPortHigh
        && Source.Overlaps(other.Source) && Destination.Overlaps(other.Destination);

    /// <summary>
    /// The atoms of an entry for a chain that first splits packets into tcp/udp and the rest: at most one of each
    /// shape. The no-ports atom exists only if the entry's port ranges contain 0, the port the evaluator gives
    /// packets without ports; entries of the effective-policy builder always satisfy this when they name a
    /// protocol without ports.
    /// </summary>
    public static void Split(PolicyEntry entry, int entryIndex, List<MatchAtom> ports, List<MatchAtom> noPorts)
    {
        var hasTcp = entry.ProtocolLow <= IpProtocols.TcpNumber && IpProtocols.TcpNumber <= entry.ProtocolHigh;
        var hasUdp = entry.ProtocolLow <= IpProtocols.UdpNumber && IpProtocols.UdpNumber <= entry.ProtocolHigh;
        if (hasTcp || hasUdp)
        {
            ports.Add(new MatchAtom(
                entryIndex, MatchShape.Ports, entry.Family,
                hasTcp ? IpProtocols.TcpNumber : IpProtocols.UdpNumber,
                hasUdp ? IpProtocols.UdpNumber : IpProtocols.TcpNumber,
                entry.Source, entry.Destination,
                entry.SourcePortLow, entry.SourcePortHigh, entry.DestinationPortLow, entry.DestinationPortHigh));
        }

        if (HasOtherProtocols(entry) && entry.SourcePortLow == 0 && entry.DestinationPortLow == 0)
        {
            noPorts.Add(new MatchAtom(
                entryIndex, MatchShape.NoPorts, entry.Family, entry.ProtocolLow, entry.ProtocolHigh,
                entry.Source, entry.Destination, 0, ushort.MaxValue, 0, ushort.MaxValue));
        }
    }

    /// <summary>
    /// The atoms of an entry for a chain that tests entries one by one in order: one atom of shape
    /// <see cref="MatchShape.Any"/> when the entry spans all ports, otherwise what <see cref="Split"/> gives.
    /// </summary>
    public static void ForLinearChain(PolicyEntry entry, int entryIndex, List<MatchAtom> atoms)
    {
        if (entry.AllSourcePorts && entry.AllDestinationPorts)
        {
            atoms.Add(new MatchAtom(
                entryIndex, MatchShape.Any, entry.Family, entry.ProtocolLow, entry.ProtocolHigh,
                entry.Source, entry.Destination, 0, ushort.MaxValue, 0, ushort.MaxValue));
            return;
        }

        Split(entry, entryIndex, atoms, atoms);
    }

    /// <summary>True when the entry's protocol interval holds a protocol other than tcp and udp.</summary>
    private static bool HasOtherProtocols(PolicyEntry entry)
    {
        var width = entry.ProtocolHigh - entry.ProtocolLow + 1;
        var portProtocols = (entry.ProtocolLow <= IpProtocols.TcpNumber && IpProtocols.TcpNumber <= entry.ProtocolHigh ? 1 : 0)
            + (entry.ProtocolLow <= IpProtocols.UdpNumber && IpProtocols.UdpNumber <= entry.ProtocolHigh ? 1 : 0);
        return width > portProtocols;
    }
}
