using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Palisade.Waf.Hosting.Tests.Conformance;

/// <summary>
/// A real Kestrel on 127.0.0.1 port 0 whose connection handler records the bytes each connection delivers, up to
/// the blank line ending the header section, and answers with a canned response: what a raw client sent, as Kestrel's
/// transport received it.
/// </summary>
internal sealed class RawKestrel : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<byte[]> _received = [];
    private readonly Lock _lock = new();

    private RawKestrel(WebApplication app) => _app = app;

    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    public IReadOnlyList<byte[]> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Starts a server answering every connection with <paramref name="response"/> (null: close without answering).</summary>
    public static async Task<RawKestrel> StartAsync(string? response)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        RawKestrel? server = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Run(async connection =>
        {
            var received = new List<byte>();
            while (true)
            {
                var read = await connection.Transport.Input.ReadAsync();
                received.AddRange(read.Buffer.ToArray());
                connection.Transport.Input.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted || EndsHeaderSection(received))
                {
                    break;
                }
            }

            lock (server!._lock)
            {
                server._received.Add([.. received]);
            }

            if (response is not null)
            {
                await connection.Transport.Output.WriteAsync(Encoding.Latin1.GetBytes(response));
            }
        })));
        var app = builder.Build();
        server = new RawKestrel(app);
        await app.StartAsync();
        server.Endpoint = new IPEndPoint(IPAddress.Loopback, new Uri(app.Urls.First()).Port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static bool EndsHeaderSection(List<byte> bytes)
    {
        var text = Encoding.Latin1.GetString([.. bytes]);
        return text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Contains("\n\n", StringComparison.Ordinal);
    }
}
