using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Palisade.Agent.Tests;

/// <summary>
/// A real Kestrel on 127.0.0.1, port 0, that answers the agent's requests the way the test scripts it, including
/// in ways the real server never would (bad JSON, HTML, wrong types, errors). Counts the requests per path.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.OrdinalIgnoreCase);

    private ScriptedServer(WebApplication app, Func<HttpContext, Task> respond)
    {
        _app = app;
        _app.Run(async context =>
        {
            _requests.AddOrUpdate(context.Request.Path.Value ?? "", 1, (_, n) => n + 1);
            await respond(context);
        });
    }

    public Uri BaseAddress => new(_app.Urls.First());

    public static async Task<ScriptedServer> StartAsync(Func<HttpContext, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedServer(builder.Build(), respond);
        await server._app.StartAsync();
        return server;
    }

    public static Task<ScriptedServer> StartAsync(int status, string contentType, string body) =>
        StartAsync(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    public int RequestsTo(string path) => _requests.GetValueOrDefault(path);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
