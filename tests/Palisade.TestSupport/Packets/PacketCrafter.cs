using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Palisade.TestSupport.Packets;

/// <summary>
/// Builds raw IPv4 and IPv6 packets (starting at the IP header) with every checksum right, so that the receiving
/// kernel accepts them: Linux drops IPv4 headers with a bad checksum in ip_rcv, conntrack marks TCP/UDP/ICMP with a
/// bad checksum invalid, and sockets never see them. Pure: no I/O, no randomness.
/// </summary>
/// <remarks>
/// Fixed header choices: IPv4 with no options, DF set, identification 0 (allowed for atomic datagrams, RFC 6864),
/// TTL/hop limit 64, TOS/traffic class and flow label 0; TCP with no options and window 64240. The family of the
/// packet is the family of <c>source</c>; <c>destination</c> must match.
/// </remarks>
public static class PacketCrafter
{
    public const byte DefaultHopLimit = 64;
    public const byte ProtocolIcmp = 1;
    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;
    public const byte ProtocolGre = 47;
    public const byte ProtocolIcmpv6 = 58;

    /// <summary>IEEE "local experimental" EtherType: a GRE payload no tunnel driver will try to decapsulate.</summary>
    public const ushort GreExperimentalProtocolType = 0x88B5;

    public const ushort EtherTypeIPv4 = 0x0800;
    public const ushort EtherTypeIPv6 = 0x86DD;

    private const int TcpHeaderLength = 20;
    private const int UdpHeaderLength = 8;
    private const int EchoHeaderLength = 8;
    private const int GreHeaderLength = 4;
    private const int EthernetHeaderLength = 14;

    /// <summary>The small payload used where none is given, so packets are not empty.</summary>
    public static ReadOnlySpan<byte> DefaultPayload => "palisade"u8;

    /// <summary>A TCP SYN without options.</summary>
    public static byte[] TcpSyn(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, uint sequenceNumber = 1) =>
        Tcp(source, sourcePort, destination, destinationPort, TcpFlags.Syn, sequenceNumber, 0, default);

    /// <summary>A TCP segment with any flags (a SYN-ACK, a bare ACK, a RST, an XMAS probe...).</summary>
    public static byte[] Tcp(
        IPAddress source,
        ushort sourcePort,
        IPAddress destination,
        ushort destinationPort,
        TcpFlags flags,
        uint sequenceNumber,
        uint acknowledgmentNumber,
        ReadOnlySpan<byte> payload)
    {
        var packet = NewPacket(source, destination, ProtocolTcp, TcpHeaderLength + payload.Length, out var offset);
        var tcp = packet.AsSpan(offset);
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp[2..], destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[4..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(tcp[8..], acknowledgmentNumber);
        tcp[12] = (TcpHeaderLength / 4) << 4;
        tcp[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(tcp[14..], 64240);
        payload.CopyTo(tcp[TcpHeaderLength..]);
        WriteTransportChecksum(tcp, 16, source, destination, ProtocolTcp);
        return packet;
    }

    /// <summary>A UDP datagram carrying <see cref="DefaultPayload"/>.</summary>
    public static byte[] Udp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort) =>
        Udp(source, sourcePort, destination, destinationPort, DefaultPayload);

    /// <summary>A UDP datagram with the given payload.</summary>
    public static byte[] Udp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, ReadOnlySpan<byte> payload)
    {
        var packet = NewPacket(source, destination, ProtocolUdp, UdpHeaderLength + payload.Length, out var offset);
        var udp = packet.AsSpan(offset);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udp.Length);
        payload.CopyTo(udp[UdpHeaderLength..]);
        WriteTransportChecksum(udp, 6, source, destination, ProtocolUdp);
        if (BinaryPrimitives.ReadUInt16BigEndian(udp[6..]) == 0)
        {
            // 0 means "no checksum" (and is illegal over IPv6); the same sum is sent as 0xFFFF (RFC 768).
            BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0xFFFF);
        }

        return packet;
    }

    /// <summary>An ICMP (IPv4) echo request carrying <see cref="DefaultPayload"/>.</summary>
    public static byte[] IcmpEchoRequest(IPAddress source, IPAddress destination, ushort identifier, ushort sequenceNumber = 1) =>
        IcmpEchoRequest(source, destination, identifier, sequenceNumber, DefaultPayload);

    /// <summary>An ICMP (IPv4) echo request; the checksum covers the ICMP message only.</summary>
    public static byte[] IcmpEchoRequest(IPAddress source, IPAddress destination, ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> payload)
    {
        RequireFamily(source, AddressFamily.InterNetwork, "ICMP echo is IPv4; use Icmpv6EchoRequest for IPv6");
        var packet = NewPacket(source, destination, ProtocolIcmp, EchoHeaderLength + payload.Length, out var offset);
        var icmp = WriteEcho(packet.AsSpan(offset), 8, identifier, sequenceNumber, payload);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp));
        return packet;
    }

    /// <summary>An ICMPv6 echo request carrying <see cref="DefaultPayload"/>.</summary>
    public static byte[] Icmpv6EchoRequest(IPAddress source, IPAddress destination, ushort identifier, ushort sequenceNumber = 1) =>
        Icmpv6EchoRequest(source, destination, identifier, sequenceNumber, DefaultPayload);

    /// <summary>An ICMPv6 echo request; unlike ICMPv4 its checksum includes the IPv6 pseudo-header.</summary>
    public static byte[] Icmpv6EchoRequest(IPAddress source, IPAddress destination, ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> payload)
    {
        RequireFamily(source, AddressFamily.InterNetworkV6, "ICMPv6 echo is IPv6; use IcmpEchoRequest for IPv4");
        var packet = NewPacket(source, destination, ProtocolIcmpv6, EchoHeaderLength + payload.Length, out var offset);
        var icmp = WriteEcho(packet.AsSpan(offset), 128, identifier, sequenceNumber, payload);
        WriteTransportChecksum(icmp, 2, source, destination, ProtocolIcmpv6);
        return packet;
    }

    /// <summary>
    /// A GRE packet (protocol 47) with the minimal 4-byte header of RFC 2784: no checksum, key or sequence number,
    /// version 0, then the payload (by default <see cref="DefaultPayload"/> as an experimental EtherType).
    /// </summary>
    public static byte[] Gre(IPAddress source, IPAddress destination, ushort protocolType = GreExperimentalProtocolType) =>
        Gre(source, destination, protocolType, DefaultPayload);

    /// <inheritdoc cref="Gre(IPAddress, IPAddress, ushort)"/>
    public static byte[] Gre(IPAddress source, IPAddress destination, ushort protocolType, ReadOnlySpan<byte> payload)
    {
        var packet = NewPacket(source, destination, ProtocolGre, GreHeaderLength + payload.Length, out var offset);
        var gre = packet.AsSpan(offset);
        BinaryPrimitives.WriteUInt16BigEndian(gre[2..], protocolType);
        payload.CopyTo(gre[GreHeaderLength..]);
        return packet;
    }

    /// <summary>An IP packet with any protocol number (e.g. 253, reserved for experiments) and <see cref="DefaultPayload"/>.</summary>
    public static byte[] IpPacket(IPAddress source, IPAddress destination, byte protocol) =>
        IpPacket(source, destination, protocol, DefaultPayload);

    /// <summary>An IP packet with any protocol number and an opaque payload (no transport checksum is computed).</summary>
    public static byte[] IpPacket(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> payload)
    {
        var packet = NewPacket(source, destination, protocol, payload.Length, out var offset);
        payload.CopyTo(packet.AsSpan(offset));
        return packet;
    }

    /// <summary>
    /// Wraps an IP packet in an Ethernet II header (destination MAC, source MAC, EtherType chosen from the IP version
    /// nibble), for sending through an AF_PACKET SOCK_RAW socket.
    /// </summary>
    public static byte[] Ethernet(PhysicalAddress source, PhysicalAddress destination, ReadOnlySpan<byte> ipPacket)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var frame = new byte[EthernetHeaderLength + ipPacket.Length];
        WriteMac(frame.AsSpan(0, 6), destination);
        WriteMac(frame.AsSpan(6, 6), source);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), EtherTypeOf(ipPacket));
        ipPacket.CopyTo(frame.AsSpan(EthernetHeaderLength));
        return frame;
    }

    /// <summary>0x0800 or 0x86DD from the version nibble of an IP packet.</summary>
    public static ushort EtherTypeOf(ReadOnlySpan<byte> ipPacket) =>
        ipPacket.IsEmpty ? throw new ArgumentException("empty packet", nameof(ipPacket))
        : (ipPacket[0] >> 4) switch
        {
            4 => EtherTypeIPv4,
            6 => EtherTypeIPv6,
            var v => throw new ArgumentException($"not an IP packet (version {v})", nameof(ipPacket)),
        };

    /// <summary>Describes a packet for test output, e.g. "udp 198.18.0.1:5000 > 198.18.0.2:53 len 36".</summary>
    public static string Describe(ReadOnlySpan<byte> ipPacket) =>
        PacketKey.TryFromPacket(ipPacket, out var key) ? $"{key} len {ipPacket.Length}" : $"{ipPacket.Length} bytes (not IP)";

    private static byte[] NewPacket(IPAddress source, IPAddress destination, byte protocol, int upperLayerLength, out int offset)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"source {source} and destination {destination} are of different families");
        }

        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            offset = 20;
            var total = offset + upperLayerLength;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(total, ushort.MaxValue, nameof(upperLayerLength));
            var packet = new byte[total];
            var ip = packet.AsSpan(0, offset);
            ip[0] = 0x45; // version 4, IHL 5 words
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)total);
            BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // DF
            ip[8] = DefaultHopLimit;
            ip[9] = protocol;
            source.TryWriteBytes(ip[12..], out _);
            destination.TryWriteBytes(ip[16..], out _);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Compute(ip));
            return packet;
        }

        if (source.AddressFamily == AddressFamily.InterNetworkV6)
        {
            offset = 40;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(upperLayerLength, ushort.MaxValue, nameof(upperLayerLength));
            var packet = new byte[offset + upperLayerLength];
            var ip = packet.AsSpan(0, offset);
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)upperLayerLength);
            ip[6] = protocol;
            ip[7] = DefaultHopLimit;
            source.TryWriteBytes(ip[8..], out _);
            destination.TryWriteBytes(ip[24..], out _);
            return packet;
        }

        throw new ArgumentException($"{source} is neither IPv4 nor IPv6", nameof(source));
    }

    private static Span<byte> WriteEcho(Span<byte> icmp, byte type, ushort identifier, ushort sequenceNumber, ReadOnlySpan<byte> payload)
    {
        icmp[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], identifier);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], sequenceNumber);
        payload.CopyTo(icmp[EchoHeaderLength..]);
        return icmp;
    }

    /// <summary>Checksum over pseudo-header + segment, with the checksum field (at checksumOffset) still zero.</summary>
    private static void WriteTransportChecksum(Span<byte> segment, int checksumOffset, IPAddress source, IPAddress destination, byte protocol)
    {
        var sum = InternetChecksum.PseudoHeaderSum(source, destination, protocol, segment.Length);
        BinaryPrimitives.WriteUInt16BigEndian(segment[checksumOffset..], InternetChecksum.Finish(InternetChecksum.Add(sum, segment)));
    }

    private static void RequireFamily(IPAddress address, AddressFamily family, string message)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != family)
        {
            throw new ArgumentException($"{message} (got {address})");
        }
    }

    private static void WriteMac(Span<byte> destination, PhysicalAddress mac)
    {
        var bytes = mac.GetAddressBytes();
        if (bytes.Length != 6)
        {
            throw new ArgumentException($"'{mac}' is not a 6-byte Ethernet address");
        }

        bytes.CopyTo(destination);
    }
}
