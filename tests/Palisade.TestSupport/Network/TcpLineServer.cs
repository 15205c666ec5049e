using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Palisade.TestSupport.Network;

/// <summary>
/// A trivial TCP server inside a lab host (<see cref="LabHost.ListenTcp"/>): each connection gets one line and is
/// closed, unless a custom handler was given. Disposing stops it; the lab disposes it too.
/// </summary>
public sealed class TcpLineServer : IAsyncDisposable, IDisposable
{
    private readonly Socket _listener;
    private readonly Func<NetworkStream, CancellationToken, Task> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private int _accepted;
    private int _disposed;

    internal TcpLineServer(LabHost host, Socket listener, Func<NetworkStream, CancellationToken, Task>? handler)
    {
        Host = host;
        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        Greeting = $"hello from {host.Role}";
        _handler = handler ?? WriteGreetingAsync;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public LabHost Host { get; }

    public IPEndPoint LocalEndPoint { get; }

    public int Port => LocalEndPoint.Port;

    /// <summary>The line the default handler writes (without the trailing newline): "hello from &lt;role&gt;".</summary>
    public string Greeting { get; }

    /// <summary>How many connections were accepted so far.</summary>
    public int AcceptedCount => Volatile.Read(ref _accepted);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Dispose();
        // The loop ends as soon as the pending accept fails; a bounded wait keeps a stuck handler from hanging teardown.
        _acceptLoop.Wait(TimeSpan.FromSeconds(2));
        _stopping.Dispose();
        Host.Lab.Disown(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(Socket connection)
    {
        using var stream = new NetworkStream(connection, ownsSocket: true);
        try
        {
            await _handler(stream, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A client that goes away early is normal for probes.
        }
    }

    private async Task WriteGreetingAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(Greeting + "\n"), cancellationToken).ConfigureAwait(false);
        // FIN, not RST: the client has not sent anything, so closing is clean and the line is not lost.
        stream.Socket.Shutdown(SocketShutdown.Send);
    }
}
