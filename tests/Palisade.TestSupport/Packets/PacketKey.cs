using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Palisade.TestSupport.Packets;

/// <summary>What a <see cref="PacketKey"/> identifies a packet by.</summary>
public enum PacketKeyKind
{
    /// <summary>TCP, UDP or SCTP: addresses, protocol and both ports.</summary>
    Ports,

    /// <summary>ICMP or ICMPv6 echo request: addresses and the echo identifier.</summary>
    IcmpEcho,

    /// <summary>Anything else (GRE, other ICMP types, protocol 253...): addresses and protocol only.</summary>
    Protocol,
}

/// <summary>
/// The identity of a probe packet as <see cref="Network.NftWitness"/> records it: the same fields nftables can see
/// and the same normalisation, so a key built from a crafted packet compares equal to the key read back from the
/// witness. Make probes distinguishable by these fields (e.g. a unique source port or echo identifier per probe).
/// </summary>
public readonly record struct PacketKey
{
    public const byte ProtocolSctp = 132;

    private PacketKey(PacketKeyKind kind, IPAddress source, IPAddress destination, byte protocol, ushort sourcePort, ushort destinationPort, ushort icmpId)
    {
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"source {source} and destination {destination} are of different families");
        }

        Kind = kind;
        Source = source;
        Destination = destination;
        Protocol = protocol;
        SourcePort = sourcePort;
        DestinationPort = destinationPort;
        IcmpId = icmpId;
    }

    public PacketKeyKind Kind { get; }

    public IPAddress Source { get; }

    public IPAddress Destination { get; }

    /// <summary>The IP protocol / final IPv6 next header (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 47 GRE, ...).</summary>
    public byte Protocol { get; }

    /// <summary>Source port for <see cref="PacketKeyKind.Ports"/>, else 0.</summary>
    public ushort SourcePort { get; }

    /// <summary>Destination port for <see cref="PacketKeyKind.Ports"/>, else 0.</summary>
    public ushort DestinationPort { get; }

    /// <summary>Echo identifier for <see cref="PacketKeyKind.IcmpEcho"/>, else 0.</summary>
    public ushort IcmpId { get; }

    public AddressFamily Family => Source.AddressFamily;

    public static PacketKey Tcp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort) =>
        Ports(PacketCrafter.ProtocolTcp, source, sourcePort, destination, destinationPort);

    public static PacketKey Udp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort) =>
        Ports(PacketCrafter.ProtocolUdp, source, sourcePort, destination, destinationPort);

    /// <summary>A TCP, UDP or SCTP flow key.</summary>
    public static PacketKey Ports(byte protocol, IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (!HasPorts(protocol))
        {
            throw new ArgumentException($"protocol {protocol} has no ports; use IpProtocol", nameof(protocol));
        }

        return new PacketKey(PacketKeyKind.Ports, source, destination, protocol, sourcePort, destinationPort, 0);
    }

    /// <summary>An echo request (ICMP for IPv4 addresses, ICMPv6 for IPv6) with this identifier.</summary>
    public static PacketKey IcmpEcho(IPAddress source, IPAddress destination, ushort identifier)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var protocol = source.AddressFamily == AddressFamily.InterNetworkV6 ? PacketCrafter.ProtocolIcmpv6 : PacketCrafter.ProtocolIcmp;
        return new PacketKey(PacketKeyKind.IcmpEcho, source, destination, protocol, 0, 0, identifier);
    }

    /// <summary>Addresses and protocol only: how the witness records everything that is neither ports nor echo requests.</summary>
    public static PacketKey IpProtocol(IPAddress source, IPAddress destination, byte protocol)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return new PacketKey(PacketKeyKind.Protocol, source, destination, protocol, 0, 0, 0);
    }

    /// <summary>The key of a raw IP packet (as built by <see cref="PacketCrafter"/>; IPv6 extension headers are not followed).</summary>
    public static PacketKey FromPacket(ReadOnlySpan<byte> ipPacket) =>
        TryFromPacket(ipPacket, out var key) ? key : throw new ArgumentException("not a complete IPv4 or IPv6 packet", nameof(ipPacket));

    public static bool TryFromPacket(ReadOnlySpan<byte> ipPacket, out PacketKey key)
    {
        key = default;
        if (ipPacket.IsEmpty)
        {
            return false;
        }

        IPAddress source, destination;
        byte protocol;
        ReadOnlySpan<byte> transport;
        switch (ipPacket[0] >> 4)
        {
            case 4 when ipPacket.Length >= 20:
                var headerLength = (ipPacket[0] & 0x0F) * 4;
                if (headerLength < 20 || ipPacket.Length < headerLength)
                {
                    return false;
                }

                protocol = ipPacket[9];
                source = new IPAddress(ipPacket.Slice(12, 4));
                destination = new IPAddress(ipPacket.Slice(16, 4));
                transport = ipPacket[headerLength..];
                break;
            case 6 when ipPacket.Length >= 40:
                protocol = ipPacket[6];
                source = new IPAddress(ipPacket.Slice(8, 16));
                destination = new IPAddress(ipPacket.Slice(24, 16));
                transport = ipPacket[40..];
                break;
            default:
                return false;
        }

        if (HasPorts(protocol) && transport.Length >= 4)
        {
            key = new PacketKey(PacketKeyKind.Ports, source, destination, protocol,
                BinaryPrimitives.ReadUInt16BigEndian(transport), BinaryPrimitives.ReadUInt16BigEndian(transport[2..]), 0);
        }
        else if (IsEchoRequest(protocol, transport) && transport.Length >= 6)
        {
            key = new PacketKey(PacketKeyKind.IcmpEcho, source, destination, protocol, 0, 0, BinaryPrimitives.ReadUInt16BigEndian(transport[4..]));
        }
        else
        {
            key = new PacketKey(PacketKeyKind.Protocol, source, destination, protocol, 0, 0, 0);
        }

        return true;
    }

    public override string ToString()
    {
        if (Source is null)
        {
            return "(empty)";
        }

        return Kind switch
        {
            PacketKeyKind.Ports => $"{ProtocolName(Protocol)} {Endpoint(Source, SourcePort)} > {Endpoint(Destination, DestinationPort)}",
            PacketKeyKind.IcmpEcho => $"{ProtocolName(Protocol)} echo {Source} > {Destination} id {IcmpId}",
            _ => $"{ProtocolName(Protocol)} {Source} > {Destination}",
        };
    }

    internal static bool HasPorts(byte protocol) =>
        protocol is PacketCrafter.ProtocolTcp or PacketCrafter.ProtocolUdp or ProtocolSctp;

    private static bool IsEchoRequest(byte protocol, ReadOnlySpan<byte> transport) =>
        !transport.IsEmpty
        && ((protocol == PacketCrafter.ProtocolIcmp && transport[0] == 8) || (protocol == PacketCrafter.ProtocolIcmpv6 && transport[0] == 128));

    private static string Endpoint(IPAddress address, ushort port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";

    private static string ProtocolName(byte protocol) => protocol switch
    {
        PacketCrafter.ProtocolTcp => "tcp",
        PacketCrafter.ProtocolUdp => "udp",
        ProtocolSctp => "sctp",
        PacketCrafter.ProtocolIcmp => "icmp",
        PacketCrafter.ProtocolIcmpv6 => "icmpv6",
        PacketCrafter.ProtocolGre => "gre",
        _ => "proto " + protocol.ToString(CultureInfo.InvariantCulture),
    };
}
