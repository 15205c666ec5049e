using System.Net;
using System.Net.Sockets;

namespace Palisade.TestSupport.Network;

/// <summary>A UDP echo server inside a lab host (<see cref="LabHost.ListenUdpEcho"/>). Disposing stops it.</summary>
/// <remarks>
/// Replies leave with the source address the kernel picks for the route back. On a host with extra addresses that
/// may not be the address the datagram was sent to, and a connected client drops such a reply: bind the server to a
/// specific address when probing extra addresses.
/// </remarks>
public sealed class UdpEchoServer : IAsyncDisposable, IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private int _received;
    private int _disposed;

    internal UdpEchoServer(LabHost host, Socket socket)
    {
        Host = host;
        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _loop = Task.Run(EchoLoopAsync);
    }

    public LabHost Host { get; }

    public IPEndPoint LocalEndPoint { get; }

    public int Port => LocalEndPoint.Port;

    /// <summary>How many datagrams arrived so far.</summary>
    public int ReceivedCount => Volatile.Read(ref _received);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _socket.Dispose();
        _loop.Wait(TimeSpan.FromSeconds(2));
        _stopping.Dispose();
        Host.Lab.Disown(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task EchoLoopAsync()
    {
        var buffer = new byte[65536];
        EndPoint any = _socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _received);
                await _socket.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), SocketFlags.None, received.RemoteEndPoint, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error for an earlier reply surfaces on the next receive; keep serving.
            }
        }
    }
}
