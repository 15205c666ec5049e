using System.Net;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Effective;

/// <summary>The connection tracking state of a packet, as the kernel sees it.</summary>
public enum ConnectionState
{
    /// <summary>The first packet of a connection: the rules decide.</summary>
    New,

    /// <summary>Part of, or related to, a connection already allowed: accepted without consulting rules.</summary>
    Established,

    /// <summary>Belongs to no known connection and cannot start one (e.g. a stray ACK): dropped inbound.</summary>
    Invalid,
}

/// <summary>
/// A packet to classify: direction, family, IP protocol number, addresses as numbers, ports (0 for protocols
/// without ports), the interface it crosses, and for ICMP/ICMPv6 the message type (-1 when unknown).
/// </summary>
public readonly record struct PacketQuery(
    Direction Direction,
    IpFamily Family,
    byte Protocol,
    UInt128 Source,
    UInt128 Destination,
    ushort SourcePort,
    ushort DestinationPort,
    string? DeviceName = null,
    ConnectionState State = ConnectionState.New,
    int IcmpType = -1)
{
    public static PacketQuery Create(
        Direction direction, byte protocol, IPAddress source, IPAddress destination,
        int sourcePort = 0, int destinationPort = 0, string? deviceName = null,
        ConnectionState state = ConnectionState.New)
    {
        var (sourceFamily, sourceNumber) = IpAddressNumber.ToNumber(source);
        var (destinationFamily, destinationNumber) = IpAddressNumber.ToNumber(destination);
        if (sourceFamily != destinationFamily)
        {
            throw new ArgumentException($"Source {source} and destination {destination} are of different address families.");
        }

        var ports = IpProtocols.HasPorts(protocol);
        return new PacketQuery(
            direction, sourceFamily, protocol, sourceNumber, destinationNumber,
            ports ? checked((ushort)sourcePort) : (ushort)0,
            ports ? checked((ushort)destinationPort) : (ushort)0,
            deviceName, state);
    }

    public override string ToString() =>
        $"{Direction.ToCanonical()} {IpProtocols.NameOf(Protocol)} " +
        $"{IpAddressNumber.ToAddress(Family, Source)}:{SourcePort} -> {IpAddressNumber.ToAddress(Family, Destination)}:{DestinationPort}" +
        (DeviceName is null ? "" : $" on {DeviceName}") + (State == ConnectionState.New ? "" : $" ({State})");
}
