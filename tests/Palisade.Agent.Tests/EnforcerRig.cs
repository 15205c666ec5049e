using Microsoft.Extensions.Logging.Abstractions;
using Palisade.Agent.Commands;
using Palisade.Agent.Firewall;
using Palisade.Agent.State;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Nftables;
using Palisade.TestSupport.Network;

namespace Palisade.Agent.Tests;

/// <summary>
/// A lab with an "instance" host (the agent's namespace, reached through <c>ip netns exec</c>, as the
/// CommandPrefix option does) and a "client" host, plus a state directory. Enforcers built here talk to the
/// instance's real kernel.
/// </summary>
internal sealed class EnforcerRig : IAsyncDisposable
{
    private EnforcerRig(NetworkLab lab)
    {
        Lab = lab;
        StateDirectory = Path.Combine(Path.GetTempPath(), "palisade-agent-tests", Guid.NewGuid().ToString("N"), "state");
        Runner = new CommandRunner(Prefix, TimeProvider.System);
    }

    public NetworkLab Lab { get; }

    public LabHost Instance => Lab["instance"];

    public LabHost Client => Lab["client"];

    public string StateDirectory { get; }

    public IReadOnlyList<string> Prefix => ["ip", "netns", "exec", Instance.Name];

    public CommandRunner Runner { get; }

    public static EnforcerRig Create() => new(NetworkLab.Create("instance", "client"));

    public RulesetEnforcer NewEnforcer(Func<EffectivePolicy, NftCompileOptions, NftRuleset>? compile = null, TimeProvider? time = null) =>
        new(new NftFirewall(Runner, "nft", AgentOptions.DefaultTableName), new StateStore(StateDirectory, NullLogger.Instance),
            time ?? TimeProvider.System, NullLogger.Instance, compile);

    /// <summary>A new enforcer that has loaded the state directory, as the agent does first thing.</summary>
    public async Task<RulesetEnforcer> StartEnforcerAsync(Func<EffectivePolicy, NftCompileOptions, NftRuleset>? compile = null, TimeProvider? time = null)
    {
        var enforcer = NewEnforcer(compile, time);
        await enforcer.InitializeAsync(CancellationToken.None);
        return enforcer;
    }

    /// <summary>Whether the agent's table exists (not to be confused with palisade_ct, which outlives it on purpose).</summary>
    public async Task<bool> TableExistsAsync() =>
        (await Instance.RunAsync("nft", "list", "tables", "inet")).EnsureSuccess().StandardOutput
            .Split('\n', StringSplitOptions.TrimEntries).Contains("table inet palisade");

    public async Task<string> TableTextAsync() =>
        (await Instance.RunAsync("nft", "list", "table", "inet", "palisade")).EnsureSuccess().StandardOutput;

    public async Task<long> KernelPacketsAsync(string counterName)
    {
        var values = NftCounterReader.Parse((await Instance.RunAsync("nft", "-j", "list", "counters", "table", "inet", "palisade")).EnsureSuccess().StandardOutput);
        return values.Single(v => v.CounterName == counterName).Packets;
    }

    public async Task DeleteTableAsync() => await Instance.NftAsync("delete table inet palisade\n");

    /// <summary>Sends <paramref name="count"/> UDP datagrams from the client, each from a new socket (a new flow, so each meets the rules).</summary>
    public async Task SendUdpAsync(int port, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Client.UdpProbeAsync(Instance.IPv4, port, TimeSpan.FromMilliseconds(150));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Lab.DisposeAsync();
        var root = Path.GetDirectoryName(StateDirectory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
