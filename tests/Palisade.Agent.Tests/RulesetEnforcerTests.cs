using Microsoft.Extensions.Time.Testing;
using Palisade.Agent.Firewall;
using Palisade.Agent.State;
using Palisade.Core;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Nftables;
using Palisade.TestSupport.Network;
using Palisade.TestSupport;
using static Palisade.Agent.Tests.TestPolicies;

namespace Palisade.Agent.Tests;

/// <summary>The applier against real nft in a namespace: apply, replace, rejection, counters, restart.</summary>
public sealed class RulesetEnforcerTests
{
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(700);

    [NetworkFact]
    public async Task Apply_NewPolicy_KernelEnforcesItAndStateIsSaved()
    {
        await using var rig = EnforcerRig.Create();
        using var open = rig.Instance.ListenTcp(8080);
        using var closed = rig.Instance.ListenTcp(9090);
        using var enforcer = await rig.StartEnforcerAsync();
        Assert.Equal(TcpProbeResult.Connected, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 9090, Probe));
        var desired = Desired(Instance(rig.Instance.IPv4, 1, Ingress("sgr-web", RulePolicy.Accept, IpProtocol.Tcp, 8080, rig.Client.IPv4)));

        var outcome = await enforcer.ApplyAsync(desired, ManagementAllowance.None, CancellationToken.None);

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        Assert.Equal(TcpProbeResult.Connected, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 8080, Probe));
        Assert.Equal(TcpProbeResult.TimedOut, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 9090, Probe));
        var saved = new StateStore(rig.StateDirectory, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).LoadApplied();
        Assert.Equal((1L, desired.Digest), (saved!.Revision, saved.Digest));
        Assert.Equal(saved.Script, File.ReadAllText(Path.Combine(rig.StateDirectory, StateStore.ScriptFileName)));
        Assert.Contains(saved.Counters, c => c.Name == "sgr-web");
    }

    [NetworkFact]
    public async Task Apply_Replacement_SwapsTheRulesetAtomically()
    {
        await using var rig = EnforcerRig.Create();
        using var first = rig.Instance.ListenTcp(8080);
        using var second = rig.Instance.ListenTcp(9090);
        using var enforcer = await rig.StartEnforcerAsync();
        await enforcer.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 1, Ingress("sgr-a", RulePolicy.Accept, IpProtocol.Tcp, 8080, rig.Client.IPv4))), ManagementAllowance.None, CancellationToken.None);

        var outcome = await enforcer.ApplyAsync(
            Desired(Instance(rig.Instance.IPv4, 2, Ingress("sgr-b", RulePolicy.Accept, IpProtocol.Tcp, 9090, rig.Client.IPv4))), ManagementAllowance.None, CancellationToken.None);

        Assert.Equal(ApplyStatus.Applied, outcome.Status);
        Assert.Equal(TcpProbeResult.TimedOut, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 8080, Probe));
        Assert.Equal(TcpProbeResult.Connected, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 9090, Probe));
        Assert.Equal(2, enforcer.Current!.Revision);
        Assert.DoesNotContain("r_sgr-a", await rig.TableTextAsync(), StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Apply_RuleFlipsToDrop_EstablishedConnectionGoesOnAndNewOnesAreDropped()
    {
        await using var rig = EnforcerRig.Create();
        using var echo = rig.Instance.ListenTcp(8080, handler: async (stream, cancellationToken) =>
        {
            var buffer = new byte[64];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        });
        using var enforcer = await rig.StartEnforcerAsync();
        await enforcer.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 1, Ingress("sgr-web", RulePolicy.Accept, IpProtocol.Tcp, 8080, rig.Client.IPv4))),
            ManagementAllowance.None, CancellationToken.None);
        using var live = await rig.Client.CreateSocketAsync(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await live.ConnectAsync(new System.Net.IPEndPoint(rig.Instance.IPv4, 8080));
        Assert.Equal("one", await EchoAsync(live, "one"));

        await enforcer.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 2, Ingress("sgr-web", RulePolicy.Drop, IpProtocol.Tcp, 8080, rig.Client.IPv4))),
            ManagementAllowance.None, CancellationToken.None);

        // Established traffic is accepted before any rule: the live connection goes on until it idles out (910 s).
        Assert.Equal("two", await EchoAsync(live, "two"));
        Assert.Equal(TcpProbeResult.TimedOut, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 8080, Probe));
    }

    private static async Task<string> EchoAsync(System.Net.Sockets.Socket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(text), timeout.Token);
        var buffer = new byte[64];
        var read = await socket.ReceiveAsync(buffer, timeout.Token);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }

    [NetworkFact]
    public async Task Apply_ScriptNftRejects_KeepsOldRulesetCountersAndStateAndReportsNftsError()
    {
        await using var rig = EnforcerRig.Create();
        var breakNext = false;
        using var enforcer = await rig.StartEnforcerAsync((policy, options) =>
        {
            var ruleset = NftablesCompiler.Compile(policy, options);
            // A script the kernel refuses half-way through: everything before the bad line must be undone too.
            return breakNext ? ruleset with { Script = ruleset.Script + "add rule inet palisade no_such_chain counter accept\n" } : ruleset;
        });
        var good = Desired(Instance(rig.Instance.IPv4, 1, Ingress("sgr-drop", RulePolicy.Drop, IpProtocol.Udp, 5000, rig.Client.IPv4)));
        await enforcer.ApplyAsync(good, ManagementAllowance.None, CancellationToken.None);
        await rig.SendUdpAsync(5000, 2);
        var tableBefore = NftText.WithoutCounterValues(await rig.TableTextAsync());
        var stateBefore = File.ReadAllText(Path.Combine(rig.StateDirectory, StateStore.StateFileName));
        breakNext = true;

        var outcome = await enforcer.ApplyAsync(
            Desired(Instance(rig.Instance.IPv4, 2, Ingress("sgr-other", RulePolicy.Accept, IpProtocol.Tcp, 22, rig.Client.IPv4))), ManagementAllowance.None, CancellationToken.None);

        Assert.Equal(ApplyStatus.Failed, outcome.Status);
        Assert.Contains("no_such_chain", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(outcome.Error, enforcer.LastError);
        Assert.Equal(tableBefore, NftText.WithoutCounterValues(await rig.TableTextAsync()));
        Assert.Equal(2, await rig.KernelPacketsAsync("r_sgr-drop"));
        Assert.Equal((1L, good.Digest), (enforcer.Current!.Revision, enforcer.Current.Digest));
        Assert.Equal(stateBefore, File.ReadAllText(Path.Combine(rig.StateDirectory, StateStore.StateFileName)));
        Assert.Equal((2L, 2 * 43L), (await enforcer.ReadTotalsAsync(CancellationToken.None)).Get("sgr-drop"));
    }

    [NetworkFact]
    public async Task Apply_PolicyTheCompilerRefuses_FailsWithTheReasonAndKeepsTheOldRuleset()
    {
        await using var rig = EnforcerRig.Create();
        using var enforcer = await rig.StartEnforcerAsync();
        await enforcer.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 1)), ManagementAllowance.None, CancellationToken.None);
        var tableBefore = NftText.WithoutCounterValues(await rig.TableTextAsync());
        var policy = Instance(rig.Instance.IPv4, 2);
        policy = policy with { Nics = [policy.Nics[0] with { DeviceName = "eth0\"; flush ruleset; \"" }] };

        var outcome = await enforcer.ApplyAsync(Desired(policy), ManagementAllowance.None, CancellationToken.None);

        Assert.Equal(ApplyStatus.Failed, outcome.Status);
        Assert.Contains("cannot compile revision 2", outcome.Error, StringComparison.Ordinal);
        Assert.Equal(tableBefore, NftText.WithoutCounterValues(await rig.TableTextAsync()));
    }

    [NetworkFact]
    public async Task Apply_Replacement_CarriesCountersOverAndSavesThem()
    {
        await using var rig = EnforcerRig.Create();
        using var enforcer = await rig.StartEnforcerAsync();
        var drop = Ingress("sgr-drop", RulePolicy.Drop, IpProtocol.Udp, 5000, rig.Client.IPv4);
        await enforcer.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 1, drop)), ManagementAllowance.None, CancellationToken.None);
        await rig.SendUdpAsync(5000, 3);

        await enforcer.ApplyAsync(
            Desired(Instance(rig.Instance.IPv4, 2, drop, Ingress("sgr-ssh", RulePolicy.Accept, IpProtocol.Tcp, 22, rig.Client.IPv4, priority: 2))),
            ManagementAllowance.None, CancellationToken.None);

        Assert.Equal(0, await rig.KernelPacketsAsync("r_sgr-drop"));
        Assert.Equal(3, (await enforcer.ReadTotalsAsync(CancellationToken.None)).Get("sgr-drop").Packets);
        var carried = new StateStore(rig.StateDirectory, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).LoadCounters().Carried;
        Assert.Equal(3, carried.Single(c => c.Name == "sgr-drop").Packets);

        await rig.SendUdpAsync(5000, 2);

        Assert.Equal(5, (await enforcer.ReadTotalsAsync(CancellationToken.None)).Get("sgr-drop").Packets);
    }

    [NetworkFact]
    public async Task Apply_RuleRemoved_DropsItsCarriedTotals()
    {
        await using var rig = EnforcerRig.Create();
        using var enforcer = await rig.StartEnforcerAsync();
        var drop = Ingress("sgr-drop", RulePolicy.Drop, IpProtocol.Udp, 5000, rig.Client.IPv4);
        await enforcer.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 1, drop)), ManagementAllowance.None, CancellationToken.None);
        await rig.SendUdpAsync(5000, 2);

        await enforcer.ApplyAsync(
            Desired(Instance(rig.Instance.IPv4, 2, Ingress("sgr-ssh", RulePolicy.Accept, IpProtocol.Tcp, 22, rig.Client.IPv4))), ManagementAllowance.None, CancellationToken.None);

        var totals = (await enforcer.ReadTotalsAsync(CancellationToken.None)).ToList();
        Assert.DoesNotContain(totals, c => c.Name == "sgr-drop");
        Assert.Contains(totals, c => c.Name == "sgr-ssh");
    }

    [NetworkFact]
    public async Task Apply_SameDesiredStateAgain_LeavesTableAndCountersAlone()
    {
        await using var rig = EnforcerRig.Create();
        using var enforcer = await rig.StartEnforcerAsync();
        var desired = Desired(Instance(rig.Instance.IPv4, 1, Ingress("sgr-drop", RulePolicy.Drop, IpProtocol.Udp, 5000, rig.Client.IPv4)));
        await enforcer.ApplyAsync(desired, ManagementAllowance.None, CancellationToken.None);
        await rig.SendUdpAsync(5000, 2);

        var outcome = await enforcer.ApplyAsync(desired with { Revision = 9 }, ManagementAllowance.None, CancellationToken.None);

        Assert.Equal(ApplyStatus.Unchanged, outcome.Status);
        Assert.Equal(2, await rig.KernelPacketsAsync("r_sgr-drop"));
        Assert.Equal(9, enforcer.Current!.Revision);
    }

    [NetworkFact]
    public async Task Initialize_TableGoneAfterReboot_ReappliesLastGoodAndKeepsCountsSeen()
    {
        await using var rig = EnforcerRig.Create();
        using var open = rig.Instance.ListenTcp(8080);
        var drop = Ingress("sgr-drop", RulePolicy.Drop, IpProtocol.Udp, 5000, rig.Client.IPv4);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        using (var before = await rig.StartEnforcerAsync(time: time))
        {
            await before.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 4, drop)), ManagementAllowance.None, CancellationToken.None);
            await rig.SendUdpAsync(5000, 2);
            // A periodic report a while later reads (and saves) the live counters: 2 packets seen before the "reboot".
            time.Advance(RulesetEnforcer.LiveCountersSaveInterval);
            Assert.Equal(2, (await before.ReadTotalsAsync(CancellationToken.None)).Get("sgr-drop").Packets);
        }

        await rig.DeleteTableAsync();
        using var after = rig.NewEnforcer();

        var action = await after.InitializeAsync(CancellationToken.None);

        Assert.Equal(StartupAction.ReappliedLastGood, action);
        Assert.True(await rig.TableExistsAsync());
        Assert.Equal(TcpProbeResult.TimedOut, await rig.Client.TcpConnectAsync(rig.Instance.IPv4, 8080, Probe));
        Assert.Equal(4, after.Current!.Revision);
        Assert.Equal(2, (await after.ReadTotalsAsync(CancellationToken.None)).Get("sgr-drop").Packets);
    }

    [NetworkFact]
    public async Task Initialize_TableInPlace_LeavesItAndItsCounters()
    {
        await using var rig = EnforcerRig.Create();
        var drop = Ingress("sgr-drop", RulePolicy.Drop, IpProtocol.Udp, 5000, rig.Client.IPv4);
        using (var before = await rig.StartEnforcerAsync())
        {
            await before.ApplyAsync(Desired(Instance(rig.Instance.IPv4, 4, drop)), ManagementAllowance.None, CancellationToken.None);
        }

        await rig.SendUdpAsync(5000, 3);
        using var after = rig.NewEnforcer();

        var action = await after.InitializeAsync(CancellationToken.None);

        Assert.Equal(StartupAction.KeptExistingTable, action);
        Assert.Equal(3, await rig.KernelPacketsAsync("r_sgr-drop"));
        Assert.Equal(3, (await after.ReadTotalsAsync(CancellationToken.None)).Get("sgr-drop").Packets);
    }

    [NetworkFact]
    public async Task Initialize_NothingSaved_TouchesNothing()
    {
        await using var rig = EnforcerRig.Create();
        using var enforcer = rig.NewEnforcer();

        var action = await enforcer.InitializeAsync(CancellationToken.None);

        Assert.Equal(StartupAction.NothingSaved, action);
        Assert.False(await rig.TableExistsAsync());
        Assert.Null(enforcer.Current);
    }
}
