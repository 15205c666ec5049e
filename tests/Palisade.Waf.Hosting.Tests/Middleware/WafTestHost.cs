using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Palisade.Waf.Engine;

namespace Palisade.Waf.Hosting.Tests.Middleware;

/// <summary>
/// A real Kestrel on 127.0.0.1 port 0 with <see cref="WafApplicationBuilderExtensions.UseWaf"/> in front of a
/// backend the test writes. It records the engine's error-log lines, how often the backend ran, and every error
/// the host logged (an exception escaping the middleware would show up there).
/// </summary>
internal sealed class WafTestHost : IAsyncDisposable, IWafLog, ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _hostErrors = new();
    private WebApplication? _app;
    private int _backendCalls;

    public IReadOnlyCollection<string> Lines => _lines;

    public IReadOnlyCollection<string> HostErrors => _hostErrors;

    public int BackendCalls => Volatile.Read(ref _backendCalls);

    public IPEndPoint Endpoint { get; private set; } = new(IPAddress.Loopback, 0);

    public HttpClient CreateClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Endpoint.Port}") };

    public static async Task<WafTestHost> StartAsync(string rules, RequestDelegate backend)
    {
        var host = new WafTestHost();
        var engine = WafEngine.LoadText(rules, new WafEngineOptions { Log = host });
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(host);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseWaf(engine);
        app.Run(context =>
        {
            Interlocked.Increment(ref host._backendCalls);
            return backend(context);
        });
        await app.StartAsync();
        host._app = app;
        host.Endpoint = new IPEndPoint(IPAddress.Loopback, new Uri(app.Urls.First()).Port);
        return host;
    }

    public bool Logged(int ruleId) => _lines.Any(line => line.Contains($"[id \"{ruleId}\"]", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    void IWafLog.WriteError(WafTransaction transaction, string line) => _lines.Enqueue(line);

    void IWafLog.WriteAudit(WafTransaction transaction, string json)
    {
    }

    ILogger ILoggerProvider.CreateLogger(string categoryName) => new ErrorCollector(categoryName, _hostErrors);

    void IDisposable.Dispose()
    {
    }

    private sealed class ErrorCollector(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
