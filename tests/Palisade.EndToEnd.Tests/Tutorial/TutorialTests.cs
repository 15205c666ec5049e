using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Palisade.TestSupport;
using Palisade.TestSupport.Network;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Palisade.EndToEnd.Tests.Tutorial;

/// <summary>
/// The README tutorial ("only one address may reach port 22") played as a user plays it, every part a real
/// process: <c>palisade server</c> in a "control" namespace, <c>palisade agent</c> in an "instance" namespace
/// enforcing with nftables, and one <c>palisade</c> CLI process per configuration step. Two client namespaces try
/// the instance's ports; each change is timed from the CLI's exit to the moment its effect can be seen
/// (docs/tutorial.md quotes the numbers).
/// </summary>
public sealed class TutorialTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ApplyDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QuickProbe = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan DropProbe = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    [NetworkFact]
    public async Task Tutorial_RealServerAgentAndCliProcesses_KernelEnforcesEveryStepWithinTwoSeconds()
    {
        await using var tutorial = TutorialLab.Create();
        try
        {
            await PlayAsync(tutorial);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new XunitException($"Tutorial step '{tutorial.Transcript.CurrentStep}' failed: {e.GetType().Name}: {e.Message}\n{tutorial.Diagnostics()}", e);
        }

        output.WriteLine(tutorial.Transcript.Text);
        output.WriteLine("Apply latencies: " + string.Join("; ", tutorial.Transcript.Latencies.Select(l => $"{l.Change} {l.Latency.TotalMilliseconds:0} ms")));
    }

    private static async Task PlayAsync(TutorialLab t)
    {
        var (instance, client1, client2) = (t.Instance, t.Client1, t.Client2);
        var log = t.Transcript;

        log.Step("start the server in the control host");
        await t.StartServerAsync();

        log.Step("token create --role agent");
        var agentToken = (await t.PalisadeJsonAsync("token", "create", "--role", "agent", "--description", "web-1")).GetProperty("Token").GetString()!;

        log.Step("start the agent in the instance host");
        var agent = t.StartAgent(agentToken);
        await agent.WaitForOutputAsync("Registered as", TimeSpan.FromSeconds(30));

        log.Step("instance list: web-1 is registered with its address");
        var listed = await t.PalisadeJsonAsync("instance", "list");
        var web1 = listed.GetProperty("Instances").EnumerateArray().Single(i => i.GetProperty("InstanceName").GetString() == "web-1");
        var instanceId = web1.GetProperty("InstanceId").GetString()!;
        Assert.Contains(TutorialLab.Address(instance), web1.GetProperty("NetworkInterfaces")[0].GetProperty("PrimaryIpAddress").GetString());

        log.Step("before joining a group the instance is not filtered");
        Assert.Equal(TcpProbeResult.Connected, await client1.TcpConnectAsync(instance.IPv4, TutorialLab.WebPort, ConnectTimeout));

        log.Step("sg create");
        var groupId = IdIn(await t.PalisadeAsync("sg", "create", "--security-group-name", "web", "--description", "web servers"), "sg-");

        log.Step("instance join-sg: the basic group's default drops inbound");
        var joinExited = await TimedPalisadeAsync(t, "instance", "join-sg", "--instance-id", instanceId, "--security-group-id", groupId);
        await WithinDeadlineAsync(t, "instance join-sg: client1 to tcp/80 dropped by the default", joinExited.Exited,
            () => ProbeIsAsync(client1, instance, TutorialLab.WebPort, QuickProbe, TcpProbeResult.TimedOut),
            () => ProbeIsAsync(client1, instance, TutorialLab.WebPort, DropProbe, TcpProbeResult.TimedOut));

        log.Step("sg authorize: accept tcp 22/22 from client1/32 at priority 1");
        var accept = await TimedPalisadeAsync(t, "sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp", "--port-range", "22/22",
            "--source-cidr-ip", $"{TutorialLab.Address(client1)}/32", "--policy", "accept", "--priority", "1");
        var acceptRuleId = IdIn(accept.Stdout, "sgr-");
        await WithinDeadlineAsync(t, "sg authorize accept tcp/22 from client1: client1 connects", accept.Exited,
            () => ProbeIsAsync(client1, instance, TutorialLab.SshPort, QuickProbe, TcpProbeResult.Connected), null);
        Assert.Equal((TutorialLab.SshBanner, "hello"), await TutorialLab.ConverseAsync(client1, instance.IPv4, TutorialLab.SshPort, "hello", ConnectTimeout));

        log.Step("sg authorize: drop tcp 22/22 from 0.0.0.0/0 at priority 2");
        var drop = await TimedPalisadeAsync(t, "sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp", "--port-range", "22/22",
            "--source-cidr-ip", "0.0.0.0/0", "--policy", "drop", "--priority", "2");
        var dropRuleId = IdIn(drop.Stdout, "sgr-");
        // client2 was already dropped by the default; what changes is which entry drops it, seen on the rule's counter.
        await WithinDeadlineAsync(t, "sg authorize drop tcp/22 from 0.0.0.0/0: the kernel drops client2 by this rule", drop.Exited,
            async () => await ProbeIsAsync(client2, instance, TutorialLab.SshPort, QuickProbe, TcpProbeResult.TimedOut)
                && (await InstanceKernel.CountersAsync(instance)).GetValueOrDefault("r_" + dropRuleId) > 0,
            () => ProbeIsAsync(client2, instance, TutorialLab.SshPort, DropProbe, TcpProbeResult.TimedOut));

        log.Step("sg check tcp/22: client1 accepted by the priority-1 rule, client2 dropped by the priority-2 rule");
        var client1Ssh = await CheckIngressAsync(t, instanceId, TutorialLab.SshPort, client1);
        AssertDecision(client1Ssh, "accept", "Rule", acceptRuleId);
        await AssertKernelAgreesAsync(t, client1Ssh, egress: false, timeout => client1.TcpConnectAsync(instance.IPv4, TutorialLab.SshPort, timeout));
        var client2Ssh = await CheckIngressAsync(t, instanceId, TutorialLab.SshPort, client2);
        AssertDecision(client2Ssh, "drop", "Rule", dropRuleId);
        await AssertKernelAgreesAsync(t, client2Ssh, egress: false, timeout => client2.TcpConnectAsync(instance.IPv4, TutorialLab.SshPort, timeout));
        Assert.Equal((TutorialLab.SshBanner, "replies flow"), await TutorialLab.ConverseAsync(client1, instance.IPv4, TutorialLab.SshPort, "replies flow", ConnectTimeout));

        log.Step("port 80 is closed: the group's default drops it");
        var client1Web = await CheckIngressAsync(t, instanceId, TutorialLab.WebPort, client1);
        AssertDecision(client1Web, "drop", "Default", null);
        await AssertKernelAgreesAsync(t, client1Web, egress: false, timeout => client1.TcpConnectAsync(instance.IPv4, TutorialLab.WebPort, timeout));

        log.Step("outbound works by default: the instance reaches client2's tcp/443");
        Assert.Equal(("hello from client2", null), await TutorialLab.ConverseAsync(instance, client2.IPv4, TutorialLab.OutboundPort, null, ConnectTimeout));
        var outbound = await t.PalisadeJsonAsync("sg", "check", "--instance-id", instanceId, "--direction", "egress", "--protocol", "tcp",
            "--port", TutorialLab.OutboundPort.ToString(CultureInfo.InvariantCulture), "--destination", TutorialLab.Address(client2));
        AssertDecision(outbound, "accept", "Default", null);
        await AssertKernelAgreesAsync(t, outbound, egress: true, timeout => instance.TcpConnectAsync(client2.IPv4, TutorialLab.OutboundPort, timeout));

        log.Step("sg authorize: accept tcp 80/80 from 0.0.0.0/0");
        var web = await TimedPalisadeAsync(t, "sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp", "--port-range", "80/80",
            "--source-cidr-ip", "0.0.0.0/0", "--policy", "accept", "--priority", "1");
        var webRuleId = IdIn(web.Stdout, "sgr-");
        await WithinDeadlineAsync(t, "sg authorize accept tcp/80: client1 connects", web.Exited,
            () => ProbeIsAsync(client1, instance, TutorialLab.WebPort, QuickProbe, TcpProbeResult.Connected), null);
        Assert.Equal(("hello from instance", null), await TutorialLab.ConverseAsync(client1, instance.IPv4, TutorialLab.WebPort, null, ConnectTimeout));
        var client1WebOpen = await CheckIngressAsync(t, instanceId, TutorialLab.WebPort, client1);
        AssertDecision(client1WebOpen, "accept", "Rule", webRuleId);
        await AssertKernelAgreesAsync(t, client1WebOpen, egress: false, timeout => client1.TcpConnectAsync(instance.IPv4, TutorialLab.WebPort, timeout));
        // The new rule did not open port 22: client2 is still dropped there.
        Assert.Equal(TcpProbeResult.TimedOut, await client2.TcpConnectAsync(instance.IPv4, TutorialLab.SshPort, DropProbe));

        log.Step("sg describe and instance list: rules in evaluation order, the agent caught up");
        var described = await t.PalisadeAsync("sg", "describe", "--security-group-id", groupId);
        Assert.True(described.IndexOf(acceptRuleId, StringComparison.Ordinal) < described.IndexOf(dropRuleId, StringComparison.Ordinal),
            $"the priority-1 rule must be listed before the priority-2 rule:\n{described}");
        await WaitForAppliedRevisionAsync(t, instanceId);
        await t.PalisadeAsync("instance", "list");

        log.Step("stop the server (SIGTERM to its pid): the agent keeps the last ruleset");
        var lastRuleset = await InstanceKernel.RulesetAsync(instance);
        Assert.Contains("r_" + webRuleId, lastRuleset, StringComparison.Ordinal);
        var stopping = Stopwatch.StartNew();
        Assert.Equal(0, await t.StopAsync(t.Server!, StopTimeout));
        log.Note($"server exited with 0 after {stopping.ElapsedMilliseconds} ms");
        await agent.WaitForOutputAsync("Cannot reach the server", TimeSpan.FromSeconds(15));
        log.Note("agent: " + LinesWith(agent.Output, "Cannot reach the server").Last());
        Assert.False(agent.HasExited, "the agent must keep running while the server is down");
        Assert.Equal(lastRuleset, await InstanceKernel.RulesetAsync(instance));
        await AssertTutorialEnforcedAsync(t);

        log.Step("stop the agent (SIGTERM) with the server down: the kernel keeps enforcing");
        Assert.Equal(0, await t.StopAsync(agent, StopTimeout));
        foreach (var line in LinesWith(agent.Output, "Applied revision"))
        {
            log.Note("agent: " + line);
        }

        Assert.Equal(lastRuleset, await InstanceKernel.RulesetAsync(instance));
        Assert.Equal(TcpProbeResult.TimedOut, await client2.TcpConnectAsync(instance.IPv4, TutorialLab.SshPort, DropProbe));

        log.Step("reboot (nft flush ruleset), then start the agent with the server still down");
        (await instance.RunAsync("nft", "flush", "ruleset")).EnsureSuccess();
        Assert.Equal(TcpProbeResult.Connected, await client2.TcpConnectAsync(instance.IPv4, TutorialLab.SshPort, ConnectTimeout));
        var restarted = t.StartAgent(agentToken);
        var restartedAt = Stopwatch.GetTimestamp();
        var reapplied = await EffectTimer.MeasureAsync(restartedAt,
            () => ProbeIsAsync(client2, instance, TutorialLab.SshPort, QuickProbe, TcpProbeResult.TimedOut),
            () => ProbeIsAsync(client2, instance, TutorialLab.SshPort, DropProbe, TcpProbeResult.TimedOut),
            TimeSpan.FromSeconds(30));
        Assert.True(reapplied is not null, "the restarted agent did not re-apply the last good ruleset within 30 s");
        log.Latency("agent restarted with no table and no server: the last good ruleset, counted from the process start", reapplied.Value);
        await restarted.WaitForOutputAsync("re-applied the last good ruleset", TimeSpan.FromSeconds(10));
        log.Note("agent: " + LinesWith(restarted.Output, "re-applied the last good ruleset").Single());
        Assert.Equal(lastRuleset, await InstanceKernel.RulesetAsync(instance));
        Assert.True(await InstanceKernel.HasTableAsync(instance, InstanceKernel.TimeoutTable), "the re-applied script must recreate table inet palisade_ct");
        await AssertTutorialEnforcedAsync(t);
    }

    /// <summary>What the tutorial promises, seen from the clients: client1 talks SSH, client2 is dropped, port 80 is open.</summary>
    private static async Task AssertTutorialEnforcedAsync(TutorialLab t)
    {
        Assert.Equal((TutorialLab.SshBanner, "still here"), await TutorialLab.ConverseAsync(t.Client1, t.Instance.IPv4, TutorialLab.SshPort, "still here", ConnectTimeout));
        Assert.Equal(TcpProbeResult.TimedOut, await t.Client2.TcpConnectAsync(t.Instance.IPv4, TutorialLab.SshPort, DropProbe));
        Assert.Equal(TcpProbeResult.Connected, await t.Client1.TcpConnectAsync(t.Instance.IPv4, TutorialLab.WebPort, ConnectTimeout));
    }

    /// <summary>Runs a CLI step and notes when its process had exited: the start of the apply-latency clock.</summary>
    private static async Task<(string Stdout, long Exited)> TimedPalisadeAsync(TutorialLab t, params string[] arguments)
    {
        var stdout = await t.PalisadeAsync(arguments);
        return (stdout, Stopwatch.GetTimestamp());
    }

    private static async Task WithinDeadlineAsync(TutorialLab t, string change, long exited, Func<Task<bool>> observed, Func<Task<bool>>? confirmed)
    {
        var latency = await EffectTimer.MeasureAsync(exited, observed, confirmed, GiveUpAfter);
        Assert.True(latency is not null, $"{change}: no effect seen within {GiveUpAfter.TotalSeconds} s of the command's exit");
        t.Transcript.Latency(change, latency.Value);
        Assert.True(latency.Value < ApplyDeadline, $"{change}: effect seen {latency.Value.TotalMilliseconds:0} ms after the command exited; the target is {ApplyDeadline.TotalSeconds} s");
    }

    private static async Task<bool> ProbeIsAsync(LabHost from, LabHost to, int port, TimeSpan timeout, TcpProbeResult expected) =>
        await from.TcpConnectAsync(to.IPv4, port, timeout) == expected;

    private static Task<JsonElement> CheckIngressAsync(TutorialLab t, string instanceId, int port, LabHost source) =>
        t.PalisadeJsonAsync("sg", "check", "--instance-id", instanceId, "--protocol", "tcp",
            "--port", port.ToString(CultureInfo.InvariantCulture), "--source", TutorialLab.Address(source));

    private static void AssertDecision(JsonElement check, string verdict, string decidedBy, string? ruleId)
    {
        var actual = (check.GetProperty("Verdict").GetString(), check.GetProperty("DecidedBy").GetString(),
            check.TryGetProperty("SecurityGroupRuleId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null);
        Assert.True((verdict, decidedBy, ruleId) == actual, $"sg check: expected {verdict} by {decidedBy} {ruleId}, got {actual}: {check}");
    }

    /// <summary>
    /// The kernel must do what <c>sg check</c> said: the probe is accepted or dropped accordingly, and it is counted on
    /// the nft counter of the very entry sg check named as deciding.
    /// </summary>
    private static async Task AssertKernelAgreesAsync(TutorialLab t, JsonElement check, bool egress, Func<TimeSpan, Task<TcpProbeResult>> probe)
    {
        var accepted = check.GetProperty("Verdict").GetString() == "accept";
        var before = await InstanceKernel.CountersAsync(t.Instance);
        var counter = InstanceKernel.CounterOf(check, egress, before);
        var result = await probe(accepted ? ConnectTimeout : DropProbe);
        var after = await InstanceKernel.CountersAsync(t.Instance);
        Assert.True(result == (accepted ? TcpProbeResult.Connected : TcpProbeResult.TimedOut),
            $"sg check answered {check.GetProperty("Verdict").GetString()}, but the kernel's answer to the probe was {result}");
        var (was, now) = (before.GetValueOrDefault(counter), after.GetValueOrDefault(counter));
        Assert.True(now > was, $"sg check named {counter} as deciding, but the kernel did not count the probe on it ({was} -> {now} packets)");
        t.Transcript.Note($"kernel agrees: probe {result}, counted by {counter} ({was} -> {now} packets)");
    }

    private static async Task WaitForAppliedRevisionAsync(TutorialLab t, string instanceId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var found = (await t.PalisadeJsonAsync("instance", "describe", "--instance-id", instanceId)).GetProperty("Instances")[0];
            var (applied, desired) = (found.GetProperty("AppliedRevision").GetInt64(), found.GetProperty("DesiredRevision").GetInt64());
            if (applied == desired && applied > 0)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"the agent still reports revision {applied} of {desired} after 15 s");
            await Task.Delay(500);
        }
    }

    private static IEnumerable<string> LinesWith(string output, string text) =>
        output.Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).Select(l => l.TrimEnd());

    private static string IdIn(string text, string prefix)
    {
        var match = Regex.Match(text, Regex.Escape(prefix) + "[a-z0-9]+");
        return match.Success ? match.Value : throw new XunitException($"no {prefix}… id in the command's output: {text}");
    }
}
