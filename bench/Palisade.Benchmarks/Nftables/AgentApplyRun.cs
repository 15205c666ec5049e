using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Palisade.Agent;
using Palisade.Agent.Firewall;
using Palisade.Agent.State;
using Palisade.SecurityGroups.Model;
using Palisade.TestSupport.Network;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// The agent's whole apply path, as <c>palisade agent</c> runs it when a desired state arrives: the real
/// <see cref="RulesetEnforcer"/> (compile, read the live counters, <c>nft -f -</c>, save the state directory)
/// against a lab host's kernel.
/// </summary>
/// <remarks>
/// nft runs through <c>ip netns exec</c>, the agent's CommandPrefix, because the enforcer awaits between commands
/// and a thread-pool thread is outside the namespace; its start-up cost (a few ms) is printed beside the results.
/// </remarks>
internal static class AgentApplyRun
{
    /// <summary>Applies <paramref name="policy"/> to a table-less host, then <paramref name="changed"/> over it.</summary>
    public static async Task<(AgentApply First, AgentApply Reload)> MeasureAsync(LabHost host, InstancePolicy policy, InstancePolicy changed)
    {
        var stateDirectory = Path.Combine(Path.GetTempPath(), "palisade-nft-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var runner = new Palisade.Agent.Commands.CommandRunner(["ip", "netns", "exec", host.Name], TimeProvider.System);
            using var enforcer = new RulesetEnforcer(
                new NftFirewall(runner, NamespaceNft.Program, AgentOptions.DefaultTableName),
                new StateStore(stateDirectory, NullLogger.Instance), TimeProvider.System, NullLogger.Instance);
            await enforcer.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
            var first = await ApplyAsync(enforcer, new DesiredState(policy.InstanceId, 1, "bench-1", policy)).ConfigureAwait(false);
            var reload = await ApplyAsync(enforcer, new DesiredState(changed.InstanceId, 2, "bench-2", changed)).ConfigureAwait(false);
            return (first, reload);
        }
        finally
        {
            // The state directory is created with mode 0700 under /tmp; nothing of it is left behind.
            if (Directory.Exists(stateDirectory))
            {
                Directory.Delete(stateDirectory, recursive: true);
            }
        }
    }

    /// <summary>
    /// One apply, with its CPU time: this process's (compile, parsing, saving; nothing else runs meanwhile) plus that
    /// of the programs it ran (ip netns exec, nft). Unlike the wall time, that sum does not grow when other work on
    /// the machine competes for the CPUs.
    /// </summary>
    private static async Task<AgentApply> ApplyAsync(RulesetEnforcer enforcer, DesiredState desired)
    {
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime + ChildCpuClock.Now();
        var outcome = await enforcer.ApplyAsync(desired, ManagementAllowance.None, CancellationToken.None).ConfigureAwait(false);
        self.Refresh();
        var cpu = self.TotalProcessorTime + ChildCpuClock.Now() - cpuBefore;
        return outcome.Status == ApplyStatus.Applied && outcome.Steps is { } steps
            ? new AgentApply(outcome.Duration, cpu, steps)
            : throw new InvalidOperationException($"the agent did not apply revision {desired.Revision}: {outcome.Status} {outcome.Error}");
    }
}

/// <summary>One apply by the agent: wall time, CPU time (agent and the programs it ran), and the enforcer's own breakdown.</summary>
internal sealed record AgentApply(TimeSpan Wall, TimeSpan Cpu, ApplySteps Steps);
