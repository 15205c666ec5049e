using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using Palisade.TestSupport.Packets;

namespace Palisade.TestSupport.Tests;

public sealed class PacketCrafterTests
{
    private static readonly IPAddress A4 = IPAddress.Parse("198.18.0.1");
    private static readonly IPAddress B4 = IPAddress.Parse("198.18.0.2");
    private static readonly IPAddress A6 = IPAddress.Parse("2001:2::1");
    private static readonly IPAddress B6 = IPAddress.Parse("2001:2::2");

    public static TheoryData<string, bool> Builders => new()
    {
        { "tcp", false }, { "tcp", true },
        { "udp", false }, { "udp", true },
        { "echo", false }, { "echo", true },
        { "gre", false }, { "gre", true },
        { "proto253", false }, { "proto253", true },
    };

    [Fact]
    public void TcpSyn_KnownVector_MatchesIndependentlyComputedBytes()
    {
        // Computed with a separate Python implementation (struct + RFC 1071 sum): IP checksum aea8, TCP checksum 8c38.
        const string expected = "45000028000040004006aea8c6120001c6120002" + "9c40005000000001000000005002faf08c380000";

        Assert.Equal(expected, Convert.ToHexStringLower(PacketCrafter.TcpSyn(A4, 40000, B4, 80)));
    }

    [Fact]
    public void Udp_IPv6KnownVector_MatchesIndependentlyComputedBytes()
    {
        const string expected = "60000000001011402001000200000000000000000000000120010002000000000000000000000002"
            + "14e900350010f615" + "70616c6973616465";

        Assert.Equal(expected, Convert.ToHexStringLower(PacketCrafter.Udp(A6, 5353, B6, 53)));
    }

    [Fact]
    public void EchoRequests_KnownVectors_HaveIndependentlyComputedChecksums()
    {
        var v4 = PacketCrafter.IcmpEchoRequest(A4, B4, 0x1234);
        var v6 = PacketCrafter.Icmpv6EchoRequest(A6, B6, 0x1234);

        Assert.Equal(0x3139, BinaryPrimitives.ReadUInt16BigEndian(v4.AsSpan(22)));
        Assert.Equal(0x78e5, BinaryPrimitives.ReadUInt16BigEndian(v6.AsSpan(42)));
    }

    [Theory]
    [MemberData(nameof(Builders))]
    public void Build_AnyPacket_AllChecksumsFoldToAllOnes(string kind, bool ipv6)
    {
        var packet = Build(kind, ipv6);

        if (!ipv6)
        {
            Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Add(0, packet.AsSpan(0, 20))));
            Assert.Equal(packet.Length, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
        }
        else
        {
            Assert.Equal(packet.Length - 40, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)));
        }

        var headerLength = ipv6 ? 40 : 20;
        var protocol = ipv6 ? packet[6] : packet[9];
        var segment = packet.AsSpan(headerLength);
        var (source, destination) = ipv6 ? (A6, B6) : (A4, B4);
        switch (protocol)
        {
            case PacketCrafter.ProtocolTcp or PacketCrafter.ProtocolUdp or PacketCrafter.ProtocolIcmpv6:
                var sum = InternetChecksum.PseudoHeaderSum(source, destination, protocol, segment.Length);
                Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Add(sum, segment)));
                break;
            case PacketCrafter.ProtocolIcmp:
                Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Add(0, segment)));
                break;
            default:
                Assert.True(segment.EndsWith(PacketCrafter.DefaultPayload));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Builders))]
    public void PacketKey_FromCraftedPacket_MatchesExpectedKey(string kind, bool ipv6)
    {
        var (source, destination) = ipv6 ? (A6, B6) : (A4, B4);
        var expected = kind switch
        {
            "tcp" => PacketKey.Tcp(source, 40000, destination, 80),
            "udp" => PacketKey.Udp(source, 40000, destination, 53),
            "echo" => PacketKey.IcmpEcho(source, destination, 7),
            "gre" => PacketKey.IpProtocol(source, destination, PacketCrafter.ProtocolGre),
            _ => PacketKey.IpProtocol(source, destination, 253),
        };

        Assert.Equal(expected, PacketKey.FromPacket(Build(kind, ipv6)));
    }

    [Fact]
    public void Udp_SumThatWouldBeZero_IsSentAsAllOnes()
    {
        // Exactly one source port in 65536 makes the computed checksum 0; RFC 768 says send it as 0xFFFF.
        var found = false;
        for (var port = 0; port <= ushort.MaxValue; port++)
        {
            var checksum = BinaryPrimitives.ReadUInt16BigEndian(PacketCrafter.Udp(A4, (ushort)port, B4, 53).AsSpan(26));
            Assert.NotEqual(0, checksum);
            found |= checksum == 0xFFFF;
        }

        Assert.True(found);
    }

    [Fact]
    public void Tcp_FlagsAndPayload_AreWrittenWhereTheKernelReadsThem()
    {
        var packet = PacketCrafter.Tcp(A4, 1, B4, 2, TcpFlags.Syn | TcpFlags.Ece | TcpFlags.Cwr, 100, 200, "xy"u8);

        Assert.Equal(0xC2, packet[20 + 13]);
        Assert.Equal(100u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(24)));
        Assert.Equal(200u, BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(28)));
        Assert.Equal("xy"u8.ToArray(), packet[^2..]);
    }

    [Fact]
    public void Ethernet_WrapsPacketWithMacsAndEtherType()
    {
        var source = PhysicalAddress.Parse("02-00-C6-12-00-01");
        var destination = PhysicalAddress.Parse("02-00-C6-12-00-02");
        var ip = PacketCrafter.Udp(A6, 1, B6, 2);

        var frame = PacketCrafter.Ethernet(source, destination, ip);

        Assert.Equal(destination.GetAddressBytes(), frame[..6]);
        Assert.Equal(source.GetAddressBytes(), frame[6..12]);
        Assert.Equal(PacketCrafter.EtherTypeIPv6, BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)));
        Assert.Equal(ip, frame[14..]);
    }

    [Fact]
    public void Build_MixedFamiliesOrWrongIcmpVersion_Throws()
    {
        Assert.Throws<ArgumentException>(() => PacketCrafter.TcpSyn(A4, 1, B6, 2));
        Assert.Throws<ArgumentException>(() => PacketCrafter.IcmpEchoRequest(A6, B6, 1));
        Assert.Throws<ArgumentException>(() => PacketCrafter.Icmpv6EchoRequest(A4, B4, 1));
    }

    private static byte[] Build(string kind, bool ipv6)
    {
        var (source, destination) = ipv6 ? (A6, B6) : (A4, B4);
        return kind switch
        {
            "tcp" => PacketCrafter.TcpSyn(source, 40000, destination, 80, 12345),
            "udp" => PacketCrafter.Udp(source, 40000, destination, 53, "an odd-length payload"u8),
            "echo" when ipv6 => PacketCrafter.Icmpv6EchoRequest(source, destination, 7, 3),
            "echo" => PacketCrafter.IcmpEchoRequest(source, destination, 7, 3),
            "gre" => PacketCrafter.Gre(source, destination),
            _ => PacketCrafter.IpPacket(source, destination, 253),
        };
    }
}
