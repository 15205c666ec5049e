using Microsoft.Extensions.Time.Testing;
using Palisade.Core;
using Palisade.SecurityGroups.Model;
using Palisade.TestSupport.Network;
using Palisade.TestSupport;
using static Palisade.Agent.Tests.TestPolicies;

namespace Palisade.Agent.Tests;

/// <summary>The whole agent (AgentHost.RunAsync) with its kernel side in a namespace, against servers that are down or misbehave.</summary>
public sealed class AgentHostTests
{
    [NetworkFact]
    public async Task Run_AfterRebootWithServerDown_ReappliesTheLastGoodRulesetAndKeepsIt()
    {
        await using var rig = EnforcerRig.Create();
        using var web = rig.Instance.ListenTcp(8080);
        using (var before = await rig.StartEnforcerAsync())
        {
            await before.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 3, Ingress("sgr-web", RulePolicy.Drop, IpProtocol.Tcp, 8080, rig.Client.IPv4))),
                ManagementAllowance.None, CancellationToken.None);
        }

        await rig.DeleteTableAsync();
        Assert.Equal(TcpProbeResult.Connected, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 8080, TimeSpan.FromSeconds(1)));

        await using var agent = AgentRun.Start(OptionsFor(rig, new Uri($"http://127.0.0.1:{ControlPlaneClientTests.ClosedPort()}/")));

        await Eventually.HoldsAsync(rig.TableExistsAsync, TimeSpan.FromSeconds(5), "the saved ruleset is loaded", () => agent.Logs.ToString());
        Assert.Equal(TcpProbeResult.TimedOut, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 8080, TimeSpan.FromMilliseconds(700)));
        await Eventually.HoldsAsync(() => agent.Logs.Count(201) > 0, TimeSpan.FromSeconds(5), "the unreachable server is logged");
        Assert.Equal(1, agent.Logs.Count(403));
        Assert.False(agent.Completion.IsCompleted);
        Assert.Equal(AgentHost.ExitOk, await agent.StopAsync());
        Assert.True(await rig.TableExistsAsync());
    }

    [NetworkFact]
    public async Task Run_ServerAnswersGarbage_KeepsRetryingAndLogsItOnce()
    {
        await using var rig = EnforcerRig.Create();
        await using var server = await ScriptedServer.StartAsync(200, "text/html", "<html>It works!</html>");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var agent = AgentRun.Start(OptionsFor(rig, server.BaseAddress) with { TimeProvider = time });

        // Each retry waits on the fake clock: move it on until the agent has tried five times.
        await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            return server.RequestsTo("/api/agent/register") >= 5;
        }, TimeSpan.FromSeconds(20), "five registration attempts", () => agent.Logs.ToString());

        Assert.False(agent.Completion.IsCompleted);
        Assert.Equal(1, agent.Logs.Count(204));
        Assert.Equal(0, agent.Logs.Count(102));
        Assert.False(await rig.TableExistsAsync());
        Assert.Equal(AgentHost.ExitOk, await agent.StopAsync());
    }

    [NetworkFact]
    public async Task Run_ServerRefusesTheToken_LogsTheRefusalOnceWithTheServersMessage()
    {
        await using var rig = EnforcerRig.Create();
        await using var server = await ScriptedServer.StartAsync(401, "application/json",
            """{"Code": "InvalidToken", "Message": "The API token is not valid."}""");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var agent = AgentRun.Start(OptionsFor(rig, server.BaseAddress) with { TimeProvider = time });

        await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(5));
            return server.RequestsTo("/api/agent/register") >= 3;
        }, TimeSpan.FromSeconds(20), "three registration attempts", () => agent.Logs.ToString());

        var refusal = Assert.Single(agent.Logs.Records, r => r.EventId == 203);
        Assert.Contains("401 InvalidToken: The API token is not valid.", refusal.Message, StringComparison.Ordinal);
    }

    internal static AgentOptions OptionsFor(EnforcerRig rig, Uri server) => new()
    {
        Server = server,
        Token = "pal_agent_test",
        InstanceName = "agent-test",
        StateDirectory = rig.StateDirectory,
        CommandPrefix = rig.Prefix,
        PollWait = TimeSpan.FromSeconds(5),
        ReportInterval = TimeSpan.FromSeconds(1),
        InventoryInterval = TimeSpan.FromSeconds(1),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
    };
}
