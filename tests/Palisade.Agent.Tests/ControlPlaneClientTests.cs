using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Palisade.Agent.ControlPlane;
using Palisade.Contracts.Agent;

namespace Palisade.Agent.Tests;

/// <summary>The client against real HTTP servers that misbehave: it must turn every surprise into a result, never an exception.</summary>
public sealed class ControlPlaneClientTests
{
    [Fact]
    public async Task Register_NothingListening_IsUnreachable()
    {
        var client = ClientFor(new Uri($"http://127.0.0.1:{ClosedPort()}/"));

        var call = await client.RegisterAsync(new AgentRegisterRequest { InstanceName = "x" }, CancellationToken.None);

        Assert.Equal(ServerCallStatus.Unreachable, call.Status);
        Assert.False(string.IsNullOrEmpty(call.Problem));
    }

    public static TheoryData<int, string, string> Unreadable => new()
    {
        { 200, "application/json", "{\"InstanceId\": \"i-1\", \"Revision\": 3, \"Digest\": \"ab\", \"Policy\": {\"InstanceId\": \"i-1\", \"Nics\": [" },
        { 200, "text/html", "<html><body>Welcome to nginx!</body></html>" },
        { 200, "application/json", "{\"Revision\": {\"nested\": true}}" },
        { 200, "application/json", "{\"Policy\": {\"InstanceId\": \"i-1\", \"Nics\": [{\"Addresses\": [\"not-an-address\"]}]}}" },
        { 200, "application/json", "null" },
        { 200, "application/json", "[]" },
    };

    [Theory]
    [MemberData(nameof(Unreadable))]
    public async Task GetDesiredState_UnreadableAnswer_IsBadResponse(int status, string contentType, string body)
    {
        await using var server = await ScriptedServer.StartAsync(status, contentType, body);
        var client = ClientFor(server.BaseAddress);

        var call = await client.GetDesiredStateAsync("i-1", null, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(ServerCallStatus.BadResponse, call.Status);
        Assert.StartsWith("unreadable answer", call.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ApiError_IsRejectedWithTheErrorCode()
    {
        await using var server = await ScriptedServer.StartAsync(400, "application/json",
            """{"Code": "InvalidInstanceName.Malformed", "Message": "InstanceName 'x y' is not accepted.", "Errors": []}""");
        var client = ClientFor(server.BaseAddress);

        var call = await client.RegisterAsync(new AgentRegisterRequest { InstanceName = "x y" }, CancellationToken.None);

        Assert.Equal((ServerCallStatus.Rejected, HttpStatusCode.BadRequest, "InvalidInstanceName.Malformed"), (call.Status, call.HttpStatus, call.ErrorCode));
        Assert.Contains("is not accepted", call.Problem, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestsTo("/api/agent/register"));
    }

    [Fact]
    public async Task Report_ProxyErrorPageInsteadOfJson_IsRejectedWithoutACode()
    {
        await using var server = await ScriptedServer.StartAsync(502, "text/html", "<h1>502 Bad Gateway</h1>");
        var client = ClientFor(server.BaseAddress);

        var call = await client.ReportAsync(new AgentReportRequest { InstanceId = "i-1" }, CancellationToken.None);

        Assert.Equal((ServerCallStatus.Rejected, HttpStatusCode.BadGateway, null), (call.Status, call.HttpStatus, call.ErrorCode));
    }

    [Fact]
    public async Task GetDesiredState_NotModified_IsNotModified()
    {
        await using var server = await ScriptedServer.StartAsync(304, "application/json", "");
        var client = ClientFor(server.BaseAddress);

        var call = await client.GetDesiredStateAsync("i-1", new string('a', 64), TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(ServerCallStatus.NotModified, call.Status);
    }

    [Fact]
    public async Task GetDesiredState_UnknownInstance_SaysSo()
    {
        await using var server = await ScriptedServer.StartAsync(404, "application/json",
            """{"Code": "InvalidInstanceId.NotFound", "Message": "Instance i-1 does not exist: register again."}""");
        var client = ClientFor(server.BaseAddress);

        var call = await client.GetDesiredStateAsync("i-1", null, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.True(call.InstanceUnknown);
    }

    [Fact]
    public async Task GetDesiredState_ServerHoldsLongerThanTheWait_GivesUpAsUnreachable()
    {
        await using var server = await ScriptedServer.StartAsync(async context => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var client = ClientFor(server.BaseAddress, time);

        var pending = client.GetDesiredStateAsync("i-1", null, TimeSpan.FromSeconds(30), CancellationToken.None);
        while (server.RequestsTo("/api/agent/desired-state") == 0)
        {
            await Task.Delay(10);
        }

        time.Advance(TimeSpan.FromSeconds(30) + ControlPlaneClient.RequestTimeout);
        var call = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ServerCallStatus.Unreachable, call.Status);
        Assert.Contains("no answer within 45 s", call.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetDesiredState_Request_CarriesTokenInstanceDigestAndWait()
    {
        string? seen = null;
        await using var server = await ScriptedServer.StartAsync(context =>
        {
            seen = $"{context.Request.Headers.Authorization} {context.Request.Path}{context.Request.QueryString}";
            context.Response.StatusCode = 304;
            return Task.CompletedTask;
        });

        await ClientFor(server.BaseAddress).GetDesiredStateAsync("i-1", "abc", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("Bearer pal_agent_token /api/agent/desired-state?instanceId=i-1&wait=30&digest=abc", seen);
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ControlPlaneClient ClientFor(Uri server, TimeProvider? time = null)
    {
        var options = new AgentOptions { Server = server, Token = "pal_agent_token", InstanceName = "test", TimeProvider = time ?? TimeProvider.System };
        var services = AgentHost.AddAgentServices(new ServiceCollection().AddLogging(l => l.ClearProviders()), options);
        return services.BuildServiceProvider().GetRequiredService<ControlPlaneClient>();
    }
}
