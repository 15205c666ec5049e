using System.Diagnostics;
using System.Globalization;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Nftables;
using Palisade.TestSupport;
using Palisade.TestSupport.Network;
using Palisade.TestSupport.Packets;
using Xunit.Abstractions;

namespace Palisade.EndToEnd.Tests.Firewall;

/// <summary>
/// The evaluator and the kernel must agree on every packet: random policies are compiled and loaded into an
/// "instance" namespace, random probes are sent at it (spoofed from a peer's wire) and out of it (through its own
/// stack), and what the kernel did — seen by an <see cref="NftWitness"/> — is compared with the evaluator's verdict;
/// the rule counters must also have counted exactly the probes the evaluator says each rule decided.
/// </summary>
/// <remarks>
/// Bounded by rounds and by time (whichever ends first). Each round's policy and probes come from seed + round,
/// so a failure names the seed and round that reproduce it: set PALISADE_DIFFERENTIAL_SEED to rerun with another
/// seed.
/// </remarks>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_261_128;
    private const int MaxRounds = 2000;
    private const int InboundPerRound = 30;
    private const int OutboundPerRound = 20;
    private const int MaxReported = 15;
    private static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MldSettleTime = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(3);
    private static readonly int[] SetThresholds = [1, 2, 4, 32];

    [NetworkFact]
    public async Task Kernel_RandomPoliciesAndProbes_AgreesWithEvaluator()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PALISADE_DIFFERENTIAL_SEED"), CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        using var lab = NetworkLab.Create("instance", "peer");
        var (instance, peer) = (lab["instance"], lab["peer"]);
        foreach (var address in DifferentialCases.ExtraInstanceAddresses)
        {
            instance.AddAddress(address);
        }

        // Joining the new addresses' multicast groups sends a few MLD reports within about a second; they cross the
        // output chain and could count on a rule, so let them pass before the first round.
        await Task.Delay(MldSettleTime);
        using var witness = NftWitness.Install(instance);
        using var inbound = PacketInjector.OnLink(peer, instance);
        using var outbound = PacketInjector.ThroughStack(instance);
        var instanceV4 = new[] { instance.IPv4 }.Concat(ExtraAddresses(4)).ToArray();
        var instanceV6 = new[] { instance.IPv6 }.Concat(ExtraAddresses(6)).ToArray();

        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var (rounds, probes, maps) = (0, 0, 0);
        var decidedBy = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < MaxRounds && clock.Elapsed < TimeBudget && failures.Count < MaxReported; round++)
        {
            var cases = new DifferentialCases(seed + round) { InstanceV4 = instanceV4, InstanceV6 = instanceV6 };
            var policy = cases.Policy(out var allowance);
            var effective = EffectivePolicyBuilder.Build(policy, allowance);
            var threshold = SetThresholds[round % SetThresholds.Length];
            var ruleset = NftablesCompiler.Compile(effective, new NftCompileOptions { SetThreshold = threshold });
            await instance.NftAsync(ruleset.Script);
            witness.Reset();

            var batch = cases.Probes(policy, allowance, InboundPerRound, OutboundPerRound);
            var (toInstance, fromInstance) = (batch.Where(p => p.Query.Direction == Direction.Ingress).ToList(), batch.Where(p => p.Query.Direction == Direction.Egress).ToList());
            inbound.SendAll(toInstance.Select(p => p.Packet));
            outbound.SendAll(fromInstance.Select(p => p.Packet));
            var seen = await witness.WaitForArrivalsAsync(toInstance.Select(p => p.Key), ArrivalTimeout);

            var evaluator = new PolicyEvaluator(effective);
            var expectedCounts = new Dictionary<string, long>(StringComparer.Ordinal);
            var counterOf = ruleset.Counters.ToDictionary(c => (c.Name, c.DeviceName), c => c.CounterName);
            foreach (var probe in batch)
            {
                var decision = evaluator.Evaluate(probe.Query);
                var reason = $"{decision.DecidedBy} {decision.Verdict}".ToLowerInvariant();
                decidedBy[reason] = decidedBy.GetValueOrDefault(reason) + 1;
                var kernel = probe.Query.Direction == Direction.Ingress ? seen.JudgeIngress(probe.Key) : seen.JudgeEgress(probe.Key);
                var expected = decision.Verdict == Verdict.Accept ? ProbeVerdict.Accepted : ProbeVerdict.Dropped;
                if (kernel != expected)
                {
                    failures.Add($"seed {seed} round {round} (threshold {threshold}): {probe.Query} — kernel {kernel}, evaluator: {decision.Explain()}");
                    if (failures.Count == 1)
                    {
                        output.WriteLine($"First failing round {round}, script:\n{ruleset.Script}");
                    }
                }

                if (CounterName(decision, counterOf) is { } counter)
                {
                    expectedCounts[counter] = expectedCounts.GetValueOrDefault(counter) + 1;
                }
            }

            using var counters = instance.NftJson("counters table inet palisade");
            foreach (var actual in NftCounterReader.Parse(counters.RootElement.GetRawText()))
            {
                var want = expectedCounts.GetValueOrDefault(actual.CounterName);
                if (actual.Packets != want)
                {
                    failures.Add($"seed {seed} round {round} (threshold {threshold}): counter {actual.CounterName} counted {actual.Packets} packets, the evaluator attributes {want} probes to it");
                }
            }

            rounds++;
            probes += batch.Count;
            maps += ruleset.MapCount;
        }

        output.WriteLine($"seed {seed}: {rounds} rounds, {probes} probes, {maps} maps in {clock.Elapsed.TotalSeconds:F0} s, {failures.Count} mismatches");
        output.WriteLine("decided by: " + string.Join(", ", decidedBy.Select(d => $"{d.Key} {d.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} mismatches (first {MaxReported} shown; rerun with PALISADE_DIFFERENTIAL_SEED={seed}):\n" + string.Join('\n', failures));
        Assert.True(rounds >= 100, $"only {rounds} rounds ran in {TimeBudget}: the machine is too slow for a meaningful comparison");
    }

    private static IEnumerable<System.Net.IPAddress> ExtraAddresses(int family) =>
        DifferentialCases.ExtraInstanceAddresses
            .Select(a => System.Net.IPAddress.Parse(a[..a.IndexOf('/', StringComparison.Ordinal)]))
            .Where(a => (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) == (family == 4));

    /// <summary>The counter the kernel should have counted the probe on, from what the evaluator says decided it.</summary>
    private static string? CounterName(Decision decision, Dictionary<(string Name, string? DeviceName), string> counters)
    {
        var key = decision.DecidedBy switch
        {
            DecidedBy.Rule => (decision.SecurityGroupRuleId!, (string?)null),
            DecidedBy.Default => (decision.Direction == Direction.Ingress ? "default-ingress" : "default-egress", decision.DeviceName),
            DecidedBy.IntraGroup => ("intra-group", decision.DeviceName),
            DecidedBy.Management => ("management", decision.DeviceName),
            DecidedBy.ControlPlane => ("control-plane", decision.DeviceName),
            _ => ((string, string?)?)null,
        };
        return key is { } k ? counters[k] : null;
    }
}
