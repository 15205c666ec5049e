using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Palisade.Contracts;
using Palisade.Contracts.Agent;
using Palisade.Core;
using Palisade.SecurityGroups.Model;
using Palisade.TestSupport;
using static Palisade.Agent.Tests.TestPolicies;

namespace Palisade.Agent.Tests;

/// <summary>
/// The whole agent against a scripted server that speaks the protocol with surprises: bad desired states, a policy
/// the compiler refuses, changing NICs. The kernel side is real (a namespace).
/// </summary>
public sealed class ScriptedProtocolTests
{
    private static readonly string Registered = JsonSerializer.Serialize(
        new AgentRegisterResponse { InstanceId = InstanceId, ControlPlaneAddresses = ["127.0.0.1"] }, ApiJson.Options);

    [NetworkFact]
    public async Task Run_DesiredStateSurprisesThenAGoodOne_IgnoresTheSurprisesAndAppliesTheGoodOne()
    {
        await using var rig = EnforcerRig.Create();
        var good = Instance(rig.Instance.IPv4, 7, Ingress("sgr-web", RulePolicy.Accept, IpProtocol.Tcp, 8080, rig.Client.IPv4));
        var answers = new ConcurrentQueue<string>(
        [
            "{\"InstanceId\": \"i-agenttest\", \"Revision\": 7, \"Digest\": \"ab\", \"Policy\": {\"InstanceId\": ",
            StateJson(good with { InstanceId = "i-someone-else" }, new string('e', 64)),
            StateJson(good, "not a digest"),
            "{\"Revision\": {\"unexpected\": [1, 2]}}",
            StateJson(good, new string('d', 64)),
        ]);
        var reports = new ConcurrentQueue<AgentReportRequest>();
        await using var server = await ScriptedServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/api/agent/register" => Json(context, Registered),
            "/api/agent/desired-state" => answers.TryDequeue(out var answer) ? Json(context, answer) : NotModifiedAsync(context),
            _ => ReportAsync(context, reports),
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var agent = AgentRun.Start(AgentHostTests.OptionsFor(rig, server.BaseAddress) with { TimeProvider = time });

        await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(2));
            return reports.Any(r => r.AppliedRevision == 7);
        }, TimeSpan.FromSeconds(20), "the good state is applied and reported", () => agent.Logs.ToString());

        Assert.True(await rig.TableExistsAsync());
        Assert.Contains("r_sgr-web", await rig.TableTextAsync(), StringComparison.Ordinal);
        var report = reports.First(r => r.AppliedRevision == 7);
        Assert.Equal((InstanceId, new string('d', 64), null), (report.InstanceId, report.AppliedDigest, report.Error));
        Assert.Contains(report.Counters!, c => c.Name == "sgr-web");
        // Four bad answers of one kind: logged once, not four times.
        Assert.Equal(1, agent.Logs.Count(204));
        Assert.Equal(0, agent.Logs.Count(102));
        Assert.False(agent.Completion.IsCompleted);
    }

    [NetworkFact]
    public async Task Run_PolicyTheCompilerRefuses_ReportsTheErrorAndKeepsTheRulesetInForce()
    {
        await using var rig = EnforcerRig.Create();
        var first = Instance(rig.Instance.IPv4, 1, Ingress("sgr-web", RulePolicy.Accept, IpProtocol.Tcp, 8080, rig.Client.IPv4));
        var broken = Instance(rig.Instance.IPv4, 2);
        broken = broken with { Nics = [broken.Nics[0] with { DeviceName = "eth0 extra" }] };
        var answers = new ConcurrentQueue<string>([StateJson(first, new string('1', 64)), StateJson(broken, new string('2', 64))]);
        var reports = new ConcurrentQueue<AgentReportRequest>();
        await using var server = await ScriptedServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/api/agent/register" => Json(context, Registered),
            "/api/agent/desired-state" => answers.TryDequeue(out var answer) ? Json(context, answer) : NotModifiedAsync(context),
            _ => ReportAsync(context, reports),
        });
        await using var agent = AgentRun.Start(AgentHostTests.OptionsFor(rig, server.BaseAddress));

        await Eventually.HoldsAsync(() => reports.Any(r => r.Error is not null), TimeSpan.FromSeconds(10), "the failed apply is reported", () => agent.Logs.ToString());

        var report = reports.First(r => r.Error is not null);
        Assert.Equal((1L, new string('1', 64)), (report.AppliedRevision, report.AppliedDigest));
        Assert.Contains("cannot compile revision 2", report.Error, StringComparison.Ordinal);
        Assert.Contains("eth0 extra", report.Error, StringComparison.Ordinal);
        Assert.Contains("r_sgr-web", await rig.TableTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, agent.Logs.Count(402));
    }

    [NetworkFact]
    public async Task Run_ServerIgnoresTheDigestAndAnswersAtOnce_AppliesOnceAndBacksOff()
    {
        await using var rig = EnforcerRig.Create();
        var state = StateJson(Instance(rig.Instance.IPv4, 3, Ingress("sgr-web", RulePolicy.Accept, IpProtocol.Tcp, 8080, rig.Client.IPv4)), new string('3', 64));
        await using var server = await ScriptedServer.StartAsync(context => context.Request.Path.Value switch
        {
            "/api/agent/register" => Json(context, Registered),
            "/api/agent/desired-state" => Json(context, state),
            _ => Json(context, "{}"),
        });
        await using var agent = AgentRun.Start(AgentHostTests.OptionsFor(rig, server.BaseAddress));
        await Eventually.HoldsAsync(rig.TableExistsAsync, TimeSpan.FromSeconds(10), "the state is applied", () => agent.Logs.ToString());

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        // Without the guard this would be thousands of requests and applies; with it, backoff (1 s, then 2 s).
        Assert.InRange(server.RequestsTo("/api/agent/desired-state"), 2, 5);
        Assert.Equal(1, agent.Logs.Count(400));
        Assert.Equal(1, agent.Logs.Count(204));
    }

    [NetworkFact]
    public async Task Run_AddressAddedToTheNic_RegistersAgainWithIt()
    {
        await using var rig = EnforcerRig.Create();
        var registrations = new ConcurrentQueue<AgentRegisterRequest>();
        await using var server = await ScriptedServer.StartAsync(async context =>
        {
            switch (context.Request.Path.Value)
            {
                case "/api/agent/register":
                    registrations.Enqueue((await JsonSerializer.DeserializeAsync<AgentRegisterRequest>(context.Request.Body, ApiJson.Options))!);
                    await Json(context, Registered);
                    break;
                case "/api/agent/desired-state":
                    await NotModifiedAsync(context);
                    break;
                default:
                    await Json(context, "{}");
                    break;
            }
        });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var agent = AgentRun.Start(AgentHostTests.OptionsFor(rig, server.BaseAddress) with { TimeProvider = time });
        await Eventually.HoldsAsync(() => !registrations.IsEmpty, TimeSpan.FromSeconds(10), "the first registration");
        var nic = Assert.Single(registrations.Single().NetworkInterfaces!);
        Assert.Equal(("eth0", "02:00:c6:12:00:01"), (nic.DeviceName, nic.MacAddress));
        Assert.Equal(["198.18.0.1/24", "2001:2::1/64"], nic.Addresses!.Order(StringComparer.Ordinal).ToArray());

        rig.Instance.AddAddress("198.18.0.200/24");

        await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            return registrations.Count >= 2;
        }, TimeSpan.FromSeconds(10), "a second registration", () => agent.Logs.ToString());
        Assert.Contains("198.18.0.200/24", registrations.Last().NetworkInterfaces!.Single().Addresses!);
        Assert.Equal(1, agent.Logs.Count(300));
    }

    private static string StateJson(InstancePolicy policy, string digest) => JsonSerializer.Serialize(
        new AgentDesiredStateResponse { InstanceId = InstanceId, Revision = policy.Revision, Digest = digest, Policy = policy }, ApiJson.Options);

    private static async Task Json(HttpContext context, string body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    /// <summary>What the real server does when nothing changed, without holding the agent for the whole wait.</summary>
    private static async Task NotModifiedAsync(HttpContext context)
    {
        await Task.Delay(100, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status304NotModified;
    }

    private static async Task ReportAsync(HttpContext context, ConcurrentQueue<AgentReportRequest> reports)
    {
        reports.Enqueue((await JsonSerializer.DeserializeAsync<AgentReportRequest>(context.Request.Body, ApiJson.Options))!);
        await Json(context, "{}");
    }
}
