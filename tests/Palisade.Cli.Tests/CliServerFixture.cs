using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Palisade.Contracts;
using Palisade.Contracts.Agent;
using Palisade.Server;

namespace Palisade.Cli.Tests;

/// <summary>
/// A real Palisade server for CLI tests: ServerHost.Build on a real Kestrel at 127.0.0.1 port 0, with its own temp
/// data directory (a real SQLite file) and an admin token from the bootstrap option.
/// </summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "palisade-cli-tests", Guid.NewGuid().ToString("N"));

    public string AdminToken { get; } = "pal_cli_tests_" + Guid.NewGuid().ToString("N");

    public string Url { get; private set; } = "";

    public StringWriter ServerOutput { get; } = new();

    public async Task InitializeAsync()
    {
        _app = ServerHost.Build(new ServerOptions
        {
            DataDirectory = DataDirectory,
            Urls = "http://127.0.0.1:0",
            AdminPassword = "cli tests admin password",
            BootstrapToken = AdminToken,
            Output = ServerOutput,
            MinimumLogLevel = LogLevel.Warning,
        });
        await _app.StartAsync();
        Url = _app.Urls.First();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: SQLite may still be closing a pooled handle.
        }
    }

    /// <summary>Runs the CLI against this server as admin, unless <paramref name="args"/> give their own --server or --token.</summary>
    public Task<CliRun> RunAsync(params string[] args) =>
        CliRun.RunAsync(null, [
            .. args.Contains("--server") ? [] : new[] { "--server", Url },
            .. args.Contains("--token") ? [] : new[] { "--token", AdminToken },
            .. args]);

    /// <summary>Runs the CLI and fails the test unless it exits 0; returns stdout.</summary>
    public async Task<string> RunOkAsync(params string[] args)
    {
        var run = await RunAsync(args);
        Assert.True(run.ExitCode == 0, $"palisade {string.Join(' ', args)}\n{run}");
        return run.Stdout;
    }

    /// <summary>Runs a command with --output json and parses what it printed.</summary>
    public async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var stdout = await RunOkAsync([.. args, "--output", "json"]);
        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Registers an instance the way its agent would (POST /api/agent/register with an agent token made by the CLI),
    /// so instance and access commands have something real to work on. Returns the instance id.
    /// </summary>
    public async Task<string> RegisterInstanceAsync(string name, string address)
    {
        var agentToken = (await RunJsonAsync("token", "create", "--role", "agent", "--description", name)).GetProperty("Token").GetString()!;
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agent/register");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
        var body = new AgentRegisterRequest
        {
            InstanceName = name,
            HostName = name,
            AgentVersion = "test",
            NetworkInterfaces = [new AgentNetworkInterface { DeviceName = "eth0", MacAddress = "02:00:00:00:00:01", Addresses = [address] }],
        };
        request.Content = new StringContent(JsonSerializer.Serialize(body, ApiJson.Options), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonSerializer.Deserialize<AgentRegisterResponse>(text, ApiJson.Options)!.InstanceId;
    }
}
