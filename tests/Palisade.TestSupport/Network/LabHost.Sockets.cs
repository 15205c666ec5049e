using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Palisade.TestSupport.Network;

/// <summary>Sockets, HTTP and reachability probes that live in this host's namespace while the test stays in the root namespace.</summary>
public sealed partial class LabHost
{
    private static readonly byte[] UdpProbePayload = Encoding.ASCII.GetBytes("palisade-probe\n");

    /// <summary>
    /// A socket that lives in this host's namespace: its binds, connects and routes are this host's, although the
    /// test drives it from any thread. Created on a dedicated thread that entered the namespace with setns.
    /// </summary>
    public Socket CreateSocket(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) =>
        InNamespace(() => new Socket(addressFamily, socketType, protocolType));

    /// <inheritdoc cref="CreateSocket"/>
    public Task<Socket> CreateSocketAsync(AddressFamily addressFamily, SocketType socketType, ProtocolType protocolType) =>
        InNamespaceAsync(() => new Socket(addressFamily, socketType, protocolType));

    /// <summary>
    /// An HttpClient whose connections start in this host's namespace, so a test in the root namespace can call a
    /// server bound to 198.18.0.x inside the lab. URLs must use IP literals (or localhost, meaning this host's
    /// loopback): the lab has no DNS. No proxy is ever used.
    /// </summary>
    public HttpClient CreateHttpClient(TimeSpan? timeout = null) =>
        new(CreateHttpHandler(), disposeHandler: true) { Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>The handler behind <see cref="CreateHttpClient"/>, for callers that configure their own client.</summary>
    public SocketsHttpHandler CreateHttpHandler() => new()
    {
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var address = ParseHost(context.DnsEndPoint.Host);
            var socket = await CreateSocketAsync(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp).ConfigureAwait(false);
            try
            {
                socket.NoDelay = true;
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// Tries a TCP connection from this host. An RST gives <see cref="TcpProbeResult.Refused"/>, silence (dropped
    /// SYNs) <see cref="TcpProbeResult.TimedOut"/> after <paramref name="timeout"/>, an ICMP error (nft "reject with
    /// icmp ...") <see cref="TcpProbeResult.Unreachable"/>.
    /// </summary>
    public async Task<TcpProbeResult> TcpConnectAsync(
        IPAddress address,
        int port,
        TimeSpan timeout,
        IPAddress? sourceAddress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var socket = await CreateSocketAsync(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp).ConfigureAwait(false);
        if (sourceAddress is not null)
        {
            socket.Bind(new IPEndPoint(sourceAddress, 0));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token).ConfigureAwait(false);
            return TcpProbeResult.Connected;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TcpProbeResult.TimedOut;
        }
        catch (SocketException e) when (Classify(e.SocketErrorCode) is { } result)
        {
            return result switch
            {
                UdpProbeResult.Refused => TcpProbeResult.Refused,
                UdpProbeResult.Unreachable => TcpProbeResult.Unreachable,
                _ => TcpProbeResult.TimedOut,
            };
        }
    }

    /// <summary>
    /// Sends one UDP datagram from this host on a connected socket and waits for any reply: an answer (e.g. from
    /// <see cref="ListenUdpEcho"/>), an ICMP port unreachable (Refused), another ICMP error (Unreachable), or nothing
    /// within <paramref name="timeout"/> (NoAnswer).
    /// </summary>
    public async Task<UdpProbeResult> UdpProbeAsync(
        IPAddress address,
        int port,
        TimeSpan timeout,
        IPAddress? sourceAddress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var socket = await CreateSocketAsync(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp).ConfigureAwait(false);
        if (sourceAddress is not null)
        {
            socket.Bind(new IPEndPoint(sourceAddress, 0));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Connected, so the kernel reports ICMP errors for this flow back to the socket.
            await socket.ConnectAsync(new IPEndPoint(address, port), deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(UdpProbePayload, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var buffer = new byte[2048];
            await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false);
            return UdpProbeResult.Answered;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return UdpProbeResult.NoAnswer;
        }
        catch (SocketException e) when (Classify(e.SocketErrorCode) is { } result)
        {
            return result;
        }
    }

    /// <summary>
    /// Starts a TCP server in this host that accepts, writes one line (<see cref="TcpLineServer.Greeting"/>) and
    /// closes; or runs <paramref name="handler"/> per connection. Port 0 picks a free port (see
    /// <see cref="TcpLineServer.Port"/>). Without <paramref name="address"/> it listens on all IPv4 and IPv6 addresses.
    /// </summary>
    public TcpLineServer ListenTcp(int port, IPAddress? address = null, Func<NetworkStream, CancellationToken, Task>? handler = null)
    {
        var listener = BindSocket(address, port, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Listen(512);
            return Lab.Own(new TcpLineServer(this, listener, handler));
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Starts a UDP echo server in this host (every datagram is sent back to its sender).</summary>
    public UdpEchoServer ListenUdpEcho(int port, IPAddress? address = null)
    {
        var socket = BindSocket(address, port, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            return Lab.Own(new UdpEchoServer(this, socket));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private Socket BindSocket(IPAddress? address, int port, SocketType socketType, ProtocolType protocolType)
    {
        var family = address?.AddressFamily ?? AddressFamily.InterNetworkV6;
        var socket = CreateSocket(family, socketType, protocolType);
        try
        {
            if (address is null)
            {
                // One socket for both families: IPv4 peers appear as ::ffff:198.18.0.x.
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(address ?? IPAddress.IPv6Any, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static UdpProbeResult? Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => UdpProbeResult.Refused,
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AccessDenied => UdpProbeResult.Unreachable,
        SocketError.TimedOut => UdpProbeResult.NoAnswer,
        _ => null,
    };

    private static IPAddress ParseHost(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address)
            ? address
            : throw new HttpRequestException($"'{host}' is not an IP literal; lab namespaces have no DNS");
    }
}
