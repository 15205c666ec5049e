using System.Net;
using System.Net.Sockets;
using System.Text;
using Palisade.TestSupport.Network;

namespace Palisade.TestSupport.Tests;

public sealed class NamespaceSocketTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    [NetworkFact]
    public async Task CreateSocket_ListenerInA_AcceptsFromB_AndIsNotReachableFromTheRootNamespace()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        var port = FreeRootLoopbackPort();

        using var listener = a.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Any, port));
        listener.Listen();
        var accepting = listener.AcceptAsync();

        using var client = b.CreateSocket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(a.IPv4, port);
        using var accepted = await accepting.WaitAsync(Generous);
        Assert.Equal(b.IPv4, ((IPEndPoint)accepted.RemoteEndPoint!).Address);

        // The listener is bound to 0.0.0.0 in A: A's own loopback reaches it, the root namespace's loopback does not,
        // because the socket lives in A's namespace whatever thread uses it.
        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(IPAddress.Loopback, port, Generous));
        using var fromRoot = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await fromRoot.ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.DoesNotContain(System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses), u => u.Address.Equals(a.IPv4));
    }

    [NetworkFact]
    public async Task CreateHttpClient_FromRootThread_ReachesServerInsideTheLab_OverIPv4AndIPv6()
    {
        using var lab = NetworkLab.Create("web", "client");
        var (web, client) = (lab["web"], lab["client"]);
        using var server = web.ListenTcp(0, handler: RespondHttpAsync);
        using var http = client.CreateHttpClient(Generous);

        Assert.Equal("hello from web", await http.GetStringAsync(new Uri($"http://{web.IPv4}:{server.Port}/")));
        Assert.Equal("hello from web", await http.GetStringAsync(new Uri($"http://[{web.IPv6}]:{server.Port}/")));
        Assert.Equal(2, server.AcceptedCount);
    }

    [NetworkFact]
    public async Task TcpConnectAsync_EachOutcome_IsReportedAsSuch()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var server = b.ListenTcp(0);
        b.Nft($$"""
            table inet t {
              chain in {
                type filter hook input priority 0; policy accept;
                tcp dport 81 drop
                tcp dport 82 reject with tcp reset
                tcp dport 83 reject with icmpx type admin-prohibited
              }
            }
            """);

        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(b.IPv4, server.Port, Generous));
        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(b.IPv6, server.Port, Generous));
        Assert.Equal(TcpProbeResult.Refused, await a.TcpConnectAsync(b.IPv4, 79, Generous));
        Assert.Equal(TcpProbeResult.Refused, await a.TcpConnectAsync(b.IPv6, 82, Generous));
        Assert.Equal(TcpProbeResult.TimedOut, await a.TcpConnectAsync(b.IPv4, 81, Short));
        Assert.Equal(TcpProbeResult.Unreachable, await a.TcpConnectAsync(b.IPv4, 83, Generous));
        Assert.Equal(TcpProbeResult.Unreachable, await a.TcpConnectAsync(b.IPv6, 83, Generous));
    }

    [NetworkFact]
    public async Task ListenTcp_DefaultHandler_WritesGreetingLineAndCloses()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var server = b.ListenTcp(0);

        using var socket = a.CreateSocket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(b.IPv6, server.Port);
        using var reader = new StreamReader(new NetworkStream(socket, ownsSocket: false));

        Assert.Equal("hello from b", await reader.ReadLineAsync().WaitAsync(Generous));
        Assert.Null(await reader.ReadLineAsync().WaitAsync(Generous));
    }

    [NetworkFact]
    public async Task UdpProbeAsync_EachOutcome_IsReportedAsSuch()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var echo = b.ListenUdpEcho(0);
        b.Nft("table inet t { chain in { type filter hook input priority 0; udp dport 81 drop; }; }");

        Assert.Equal(UdpProbeResult.Answered, await a.UdpProbeAsync(b.IPv4, echo.Port, Generous));
        Assert.Equal(UdpProbeResult.Answered, await a.UdpProbeAsync(b.IPv6, echo.Port, Generous));
        Assert.Equal(UdpProbeResult.Refused, await a.UdpProbeAsync(b.IPv4, 79, Generous));
        Assert.Equal(UdpProbeResult.Refused, await a.UdpProbeAsync(b.IPv6, 79, Generous));
        Assert.Equal(UdpProbeResult.NoAnswer, await a.UdpProbeAsync(b.IPv4, 81, Short));
        Assert.Equal(2, echo.ReceivedCount);
    }

    [NetworkFact]
    public async Task AddAddress_ExtraAddresses_AreUsableAtOnceAsDestinationAndSource()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        b.AddAddress("198.18.0.100/24");
        b.AddAddress("2001:2::100/64");
        a.AddAddress("198.18.0.200/24");
        using var server = b.ListenTcp(0, handler: async (stream, ct) =>
        {
            var peer = ((IPEndPoint)stream.Socket.RemoteEndPoint!).Address.MapToIPv4();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(peer + "\n"), ct);
        });

        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(IPAddress.Parse("198.18.0.100"), server.Port, Generous));
        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(IPAddress.Parse("2001:2::100"), server.Port, Generous));
        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(b.IPv4, server.Port, Generous, sourceAddress: IPAddress.Parse("198.18.0.200")));
        Assert.Equal(["198.18.0.100/24", "2001:2::100/64"], b.ExtraAddresses);
    }

    [NetworkFact]
    public void AddAddress_OutsideBenchmarkingRanges_IsRefused()
    {
        using var lab = NetworkLab.Create("a");

        Assert.Throws<ArgumentException>(() => lab["a"].AddAddress("10.1.2.3/8"));
        Assert.Throws<ArgumentException>(() => lab["a"].AddAddress("2001:db8::1/64"));
        Assert.Throws<ArgumentException>(() => lab["a"].AddAddress("198.18.0.5"));
        Assert.Empty(lab["a"].ExtraAddresses);
    }

    private static async Task RespondHttpAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync(cancellationToken)))
        {
            // Read the request head; the body of a GET is empty.
        }

        var body = "hello from web";
        var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
    }

    // A port nothing listens on in the root namespace, so "refused from root" cannot be an accident.
    private static int FreeRootLoopbackPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
