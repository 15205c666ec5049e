using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Palisade.TestSupport.Network;
using Palisade.TestSupport.Packets;

namespace Palisade.TestSupport.Tests;

/// <summary>Crafted packets, injected for real, are accepted by the receiving Linux kernel.</summary>
public sealed class KernelAcceptanceTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    // Counts what conntrack marks invalid (a bad checksum does that) in the receiver.
    private const string InvalidCounter = """
        table inet probe_ct {
          counter ctinvalid { }
          chain pre { type filter hook prerouting priority 0; policy accept; ct state invalid counter name ctinvalid; }
        }
        """;

    [NetworkTheory]
    [InlineData(false, InjectionPath.Link)]
    [InlineData(true, InjectionPath.Link)]
    [InlineData(false, InjectionPath.Stack)]
    [InlineData(true, InjectionPath.Stack)]
    public async Task Udp_SpoofedSource_IsDeliveredToTheReceiversSocket(bool ipv6, InjectionPath path)
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        var destination = ipv6 ? b.IPv6 : b.IPv4;
        // Off the lab subnet: with no default route, only rp_filter=0 lets this reach the socket.
        var spoofed = IPAddress.Parse(ipv6 ? "2001:2:0:7::7" : "198.19.7.7");
        using var socket = b.CreateSocket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(destination, 0));
        var port = (ushort)((IPEndPoint)socket.LocalEndPoint!).Port;
        using var injector = path == InjectionPath.Link ? PacketInjector.OnLink(a, b) : PacketInjector.ThroughStack(a);

        Assert.True(injector.Send(PacketCrafter.Udp(spoofed, 40000, destination, port, "kernel-accepted"u8)));

        var buffer = new byte[100];
        using var timeout = new CancellationTokenSource(Generous);
        var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0), timeout.Token);
        Assert.Equal("kernel-accepted"u8.ToArray(), buffer[..received.ReceivedBytes]);
        Assert.Equal(new IPEndPoint(spoofed, 40000), received.RemoteEndPoint);
    }

    [NetworkTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TcpSyn_ToListener_IsAnsweredWithSynAck_AndConntrackSeesNoInvalidPacket(bool ipv6)
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        var (source, destination) = ipv6 ? (a.IPv6, b.IPv6) : (a.IPv4, b.IPv4);
        using var server = b.ListenTcp(0);
        b.Nft(InvalidCounter);
        using var witness = NftWitness.Install(b, new NftWitnessOptions { DropAfterRecording = false });
        using var injector = PacketInjector.OnLink(a, b);

        injector.Send(PacketCrafter.TcpSyn(source, 40001, destination, (ushort)server.Port, 777));

        var synAck = PacketKey.Tcp(destination, (ushort)server.Port, source, 40001);
        var report = await WaitForEmittedAsync(witness, synAck);
        Assert.True(report.Emitted.ContainsKey(synAck), $"no SYN-ACK; {report}");
        Assert.Equal(0, InvalidPackets(b));
    }

    [NetworkFact]
    public async Task TcpSyn_WithCorruptChecksum_IsInvalidForConntrackAndUnanswered()
    {
        // The negative control that gives the test above its meaning: the kernel does check our checksums.
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var server = b.ListenTcp(0);
        b.Nft(InvalidCounter);
        using var witness = NftWitness.Install(b, new NftWitnessOptions { DropAfterRecording = false });
        using var injector = PacketInjector.OnLink(a, b);
        var syn = PacketCrafter.TcpSyn(a.IPv4, 40002, b.IPv4, (ushort)server.Port);
        syn[36] ^= 0x5A; // TCP checksum, high byte

        injector.Send(syn);

        var report = await witness.WaitForArrivalsAsync([PacketKey.FromPacket(syn)], Generous);
        await Task.Delay(200);
        report = witness.ReadSeen();
        Assert.True(report.Arrived.ContainsKey(PacketKey.FromPacket(syn)));
        Assert.DoesNotContain(report.Emitted.Keys, k => k.Protocol == PacketCrafter.ProtocolTcp);
        Assert.Equal(1, InvalidPackets(b));
    }

    [NetworkTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EchoRequest_IsAnsweredWithEchoReply(bool ipv6)
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        b.Nft(InvalidCounter);
        using var witness = NftWitness.Install(b, new NftWitnessOptions { DropAfterRecording = false });
        using var injector = PacketInjector.OnLink(a, b);
        var request = ipv6
            ? PacketCrafter.Icmpv6EchoRequest(a.IPv6, b.IPv6, 4242)
            : PacketCrafter.IcmpEchoRequest(a.IPv4, b.IPv4, 4242);

        injector.Send(request);

        var reply = ipv6
            ? PacketKey.IpProtocol(b.IPv6, a.IPv6, PacketCrafter.ProtocolIcmpv6)
            : PacketKey.IpProtocol(b.IPv4, a.IPv4, PacketCrafter.ProtocolIcmp);
        var report = await WaitForEmittedAsync(witness, reply);
        Assert.True(report.Accepted.ContainsKey(PacketKey.FromPacket(request)), report.ToString());
        Assert.True(report.Emitted.ContainsKey(reply), $"no echo reply; {report}");
        Assert.Equal(0, InvalidPackets(b));
    }

    [NetworkTheory]
    [InlineData(false, PacketCrafter.ProtocolGre)]
    [InlineData(true, PacketCrafter.ProtocolGre)]
    [InlineData(false, 253)]
    [InlineData(true, 253)]
    public async Task GreAndOtherProtocols_PassTheIpLayerToTheInputHook(bool ipv6, byte protocol)
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var witness = NftWitness.Install(b);
        using var injector = PacketInjector.OnLink(a, b);
        var (source, destination) = ipv6 ? (IPAddress.Parse("2001:2:0:9::9"), b.IPv6) : (IPAddress.Parse("198.19.9.9"), b.IPv4);
        var packet = protocol == PacketCrafter.ProtocolGre
            ? PacketCrafter.Gre(source, destination)
            : PacketCrafter.IpPacket(source, destination, protocol);

        injector.Send(packet);

        var key = PacketKey.FromPacket(packet);
        var report = await witness.WaitForArrivalsAsync([key], Generous);
        Assert.Equal(ProbeVerdict.Accepted, report.JudgeIngress(key));
    }

    [NetworkFact]
    public async Task SendFrame_CompleteEthernetFrame_IsDelivered()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var socket = b.CreateSocket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(b.IPv4, 0));
        var port = (ushort)((IPEndPoint)socket.LocalEndPoint!).Port;
        using var injector = PacketInjector.OnLink(a, b);

        injector.SendFrame(PacketCrafter.Ethernet(a.MacAddress, b.MacAddress, PacketCrafter.Udp(a.IPv4, 40003, b.IPv4, port, "frame"u8)));

        var buffer = new byte[16];
        using var timeout = new CancellationTokenSource(Generous);
        var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        Assert.Equal("frame"u8.ToArray(), buffer[..received]);
    }

    [NetworkFact]
    public void ThroughStack_OutputDropRule_RejectsTheSendWithoutReachingTheWire()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        a.Nft("table inet egress { chain out { type filter hook output priority 0; udp dport 9 drop; }; }");
        using var injector = PacketInjector.ThroughStack(a);

        Assert.False(injector.Send(PacketCrafter.Udp(a.IPv4, 40004, b.IPv4, 9)));
        Assert.True(injector.Send(PacketCrafter.Udp(a.IPv4, 40004, b.IPv4, 10)));
        Assert.Equal(1, injector.RejectedCount);
        Assert.Equal(1, injector.SentCount);
    }

    [NetworkFact]
    public async Task Ipv4Header_WithBadChecksum_NeverReachesNetfilter()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var witness = NftWitness.Install(b);
        using var injector = PacketInjector.OnLink(a, b);
        var good = PacketCrafter.Udp(a.IPv4, 40005, b.IPv4, 53);
        var bad = PacketCrafter.Udp(a.IPv4, 40006, b.IPv4, 53);
        BinaryPrimitives.WriteUInt16BigEndian(bad.AsSpan(10), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(bad.AsSpan(10)) + 1));

        injector.Send(bad);
        injector.Send(good);

        var report = await witness.WaitForArrivalsAsync([PacketKey.FromPacket(good), PacketKey.FromPacket(bad)], TimeSpan.FromSeconds(1));
        Assert.Equal(ProbeVerdict.Accepted, report.JudgeIngress(PacketKey.FromPacket(good)));
        // The ingress hook sees the frame, ip_rcv drops it before PREROUTING.
        Assert.Equal(ProbeVerdict.Dropped, report.JudgeIngress(PacketKey.FromPacket(bad)));
    }

    private static async Task<WitnessReport> WaitForEmittedAsync(NftWitness witness, PacketKey key)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            var report = await witness.ReadSeenAsync();
            if (report.Emitted.ContainsKey(key) || DateTime.UtcNow > deadline)
            {
                return report;
            }

            await Task.Delay(50);
        }
    }

    private static long InvalidPackets(LabHost host)
    {
        using var json = host.NftJson("counter inet probe_ct ctinvalid");
        return json.RootElement.GetProperty("nftables").EnumerateArray()
            .Single(e => e.TryGetProperty("counter", out _))
            .GetProperty("counter").GetProperty("packets").GetInt64();
    }
}
