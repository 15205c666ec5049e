using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Palisade.Contracts;
using Palisade.Contracts.Agent;
using Palisade.Contracts.SecurityGroups;
using Palisade.Contracts.Tokens;

namespace Palisade.Server.Tests;

/// <summary>
/// A real server on a real Kestrel (127.0.0.1, port 0) with its own data directory and SQLite file, plus a token
/// of every role. Time is a <see cref="FakeTimeProvider"/> unless the test asks for the system clock.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string AdminPassword = "correct horse battery staple";

    private TestServer(WebApplication app, string dataDirectory, TimeProvider time, StringWriter output, string bootstrapToken)
    {
        App = app;
        DataDirectory = dataDirectory;
        Time = time;
        Output = output;
        AdminToken = bootstrapToken;
        BaseAddress = new Uri(app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(90) };
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public TimeProvider Time { get; }

    public FakeTimeProvider FakeTime => (FakeTimeProvider)Time;

    public StringWriter Output { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string AdminToken { get; }

    public string OperatorToken { get; private set; } = "";

    public string ReadOnlyToken { get; private set; } = "";

    /// <summary>An agent token that no test registers with, so it stays unbound (for protocol edge cases).</summary>
    public string AgentToken { get; private set; } = "";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _agentTokens = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _namedTokens = new(StringComparer.Ordinal);

    /// <summary>The agent token <see cref="RegisterInstanceAsync"/> registered the instance with (each instance has its own).</summary>
    public string AgentTokenOf(string instanceId) => _agentTokens[instanceId];

    public static async Task<TestServer> StartAsync(
        string? dataDirectory = null, TimeProvider? time = null, string? adminPassword = AdminPassword, bool createRoleTokens = true,
        string? bootstrapToken = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "palisade-server-tests", Guid.NewGuid().ToString("N"));
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        bootstrapToken ??= "pal_bootstrap_" + Guid.NewGuid().ToString("N");
        var output = new StringWriter();
        var app = ServerHost.Build(new ServerOptions
        {
            DataDirectory = dataDirectory,
            Urls = "http://127.0.0.1:0",
            AdminPassword = adminPassword,
            BootstrapToken = bootstrapToken,
            TimeProvider = time,
            Output = output,
            MinimumLogLevel = LogLevel.Warning,
        });
        await app.StartAsync();
        var server = new TestServer(app, dataDirectory, time, output, bootstrapToken);
        if (createRoleTokens)
        {
            server.OperatorToken = await server.CreateTokenAsync(ApiRoles.Operator);
            server.ReadOnlyToken = await server.CreateTokenAsync(ApiRoles.ReadOnly);
            server.AgentToken = await server.CreateTokenAsync(ApiRoles.Agent);
        }

        return server;
    }

    /// <summary>Stops the host but keeps the data directory, for restart tests.</summary>
    public async Task StopAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Http.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (ObjectDisposedException)
        {
            // Stopped already by the test.
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a pooled SQLite handle may still be closing.
        }
    }

    public T Service<T>(Func<IServiceProvider, T> use)
    {
        using var scope = App.Services.CreateScope();
        return use(scope.ServiceProvider);
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public Task<ApiResult> CallAsync(string action, object? body, string? token = "") =>
        SendRawAsync(HttpMethod.Post, "/api/" + action, body is null ? "" : JsonSerializer.Serialize(body, body.GetType(), ApiJson.Options), token);

    public async Task<T> CallOkAsync<T>(string action, object? body, string? token = "")
    {
        var result = await CallAsync(action, body, token);
        Assert.True(result.Status == HttpStatusCode.OK, $"{action} failed: {(int)result.Status} {result.Body}");
        return result.As<T>();
    }

    /// <summary>Sends <paramref name="body"/> as is; token "" means the admin token, null means none.</summary>
    public async Task<ApiResult> SendRawAsync(HttpMethod method, string path, string body, string? token = "")
    {
        return await SendBytesAsync(method, path, Encoding.UTF8.GetBytes(body), token);
    }

    public async Task<ApiResult> SendBytesAsync(HttpMethod method, string path, byte[] body, string? token = "")
    {
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Length == 0 ? AdminToken : token);
        }

        using var response = await Http.SendAsync(request);
        return new ApiResult(response.StatusCode, await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.First() : null);
    }

    public async Task<string> CreateTokenAsync(string role)
    {
        var created = await CallOkAsync<CreateApiTokenResponse>("CreateApiToken", new CreateApiTokenRequest { Role = role, Description = "test " + role });
        return created.Token;
    }

    public async Task<string> CreateGroupAsync(string name = "web", string type = "normal")
    {
        var created = await CallOkAsync<CreateSecurityGroupResponse>("CreateSecurityGroup",
            new CreateSecurityGroupRequest { SecurityGroupName = name, SecurityGroupType = type });
        return created.SecurityGroupId;
    }

    /// <summary>Registers an instance as its agent would; NICs are "device=address,address" pairs.</summary>
    public async Task<string> RegisterInstanceAsync(string name, params (string Device, string[] Addresses)[] nics)
    {
        if (nics.Length == 0)
        {
            nics = [("eth0", ["198.18.0.10/24"])];
        }

        var token = _namedTokens.TryGetValue(name, out var known) ? known : await CreateTokenAsync(ApiRoles.Agent);
        _namedTokens[name] = token;
        var response = await CallOkAsync<AgentRegisterResponse>("agent/register", new AgentRegisterRequest
        {
            InstanceName = name,
            HostName = name,
            AgentVersion = "test",
            NetworkInterfaces = [.. nics.Select(n => new AgentNetworkInterface { DeviceName = n.Device, MacAddress = "52:54:00:00:00:01", Addresses = [.. n.Addresses] })],
        }, token);
        _agentTokens[response.InstanceId] = token;
        return response.InstanceId;
    }

    public async Task<List<string>> AuthorizeAsync(string groupId, params PermissionInput[] permissions)
    {
        var response = await CallOkAsync<AuthorizeSecurityGroupResponse>("AuthorizeSecurityGroup",
            new AuthorizeSecurityGroupRequest { SecurityGroupId = groupId, Permissions = [.. permissions] });
        return response.SecurityGroupRuleIds;
    }

    public static PermissionInput Tcp(int port, string source = "0.0.0.0/0", string policy = "accept", int priority = 1) => new()
    {
        IpProtocol = "tcp",
        PortRange = $"{port}/{port}",
        SourceCidrIp = source,
        Policy = policy,
        Priority = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
