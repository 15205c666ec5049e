using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Palisade.Waf.Engine;
using Palisade.Waf.Hosting.Echo;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// A real Kestrel on 127.0.0.1 (port chosen by the system) with the WAF middleware in front of the echo backend:
/// what the go-ftw tests talk to. Its engine's error-log lines land in <see cref="Log"/>.
/// </summary>
internal sealed class ConformanceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ConformanceHost(WebApplication app, IPEndPoint endpoint, ConformanceLogBuffer log)
    {
        _app = app;
        Endpoint = endpoint;
        Log = log;
    }

    public IPEndPoint Endpoint { get; }

    public ConformanceLogBuffer Log { get; }

    /// <summary>Starts a host in front of <paramref name="engine"/>, which every host shares (built with <see cref="ConformanceLog"/>).</summary>
    public static async Task<ConformanceHost> StartAsync(WafEngine engine, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;

            // Apache and nginx accept far longer request lines and header sections than Kestrel's defaults (8 KiB,
            // 32 KiB); CRS's tests were written against them.
            kestrel.Limits.MaxRequestLineSize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 1000;
        });

        var app = builder.Build();
        var log = new ConformanceLogBuffer();
        app.Use(async (context, next) =>
        {
            log.RequestStarted();
            ConformanceLog.Current = log;
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                log.RequestFinished();
            }
        });
        app.UseWaf(engine);
        app.Run(EchoBackend.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new ConformanceHost(app, new IPEndPoint(IPAddress.Loopback, port), log);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
