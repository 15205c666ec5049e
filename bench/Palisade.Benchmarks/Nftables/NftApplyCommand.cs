using System.Diagnostics;
using System.Globalization;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Nftables;
using Palisade.TestSupport.Network;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// <c>nft-apply</c>: compile time and atomic <c>nft -f</c> time of an instance with many rules, first load into a
/// fresh namespace and reload over the existing table, against the same rules as a naive one-rule-per-line chain.
/// </summary>
internal static class NftApplyCommand
{
    private const double TargetMilliseconds = 1000;

    public static int Run(string[] args)
    {
        var options = NftBenchmarkOptions.Parse(args, out var error);
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        if (!NetworkLab.IsSupported(out var reason))
        {
            Console.Error.WriteLine($"nft-apply needs root, ip and nft (it works in throw-away network namespaces): {reason}");
            return 2;
        }

        var repetitions = options.Quick ? 2 : 7;
        Console.WriteLine($"nft-apply: {options.Rules:N0} rules, seed {options.Seed}, {repetitions} repetitions{(options.Quick ? " (--quick)" : "")}");
        Console.WriteLine($"machine: {MachineInfo.Describe()}");

        var policy = SecurityGroupRuleSet.Generate(options.Rules, options.Seed);
        var changed = SecurityGroupRuleSet.WithoutFirstRule(policy);
        Console.WriteLine($"policy: {PolicyShape.Describe(policy)}");

        // The agent compiles in a long-running process: the first compile pays for JIT, and the next few still run
        // partly unoptimised code until tiered compilation has caught up; steady state is measured after those.
        var compile = new Samples();
        var coldClock = Stopwatch.StartNew();
        var ruleset = NftablesCompiler.Compile(EffectivePolicyBuilder.Build(policy), options.CompileOptions);
        var cold = coldClock.Elapsed;
        for (var i = 0; i < (options.Quick ? 1 : 5); i++)
        {
            NftablesCompiler.Compile(EffectivePolicyBuilder.Build(policy), options.CompileOptions);
        }

        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            ruleset = NftablesCompiler.Compile(EffectivePolicyBuilder.Build(policy), options.CompileOptions);
            compile.Add(clock.Elapsed);
        }

        var naiveClock = Stopwatch.StartNew();
        var naive = NaiveRuleset.Write(EffectivePolicyBuilder.Build(policy));
        var naiveWrite = naiveClock.Elapsed;
        Console.WriteLine(Invariant($"compile (EffectivePolicyBuilder.Build + NftablesCompiler.Compile): first {cold.TotalMilliseconds:F0} ms (with JIT), steady state median / max {compile.MillisecondsText()}"));
        Console.WriteLine(Invariant($"ours:  {ruleset.RuleLineCount:N0} rule lines, {ruleset.SetElementCount:N0} map elements in {ruleset.MapCount} maps, {ruleset.Counters.Length:N0} named counters, {ruleset.Script.Length / 1024:N0} KiB"));
        Console.WriteLine(Invariant($"naive: {naive.Count(c => c == '\n'):N0} lines, one rule each with an anonymous counter, {naive.Length / 1024:N0} KiB (written in {naiveWrite.TotalMilliseconds:F0} ms)"));
        options.DumpScripts(ruleset.Script, naive);

        var roles = Enumerable.Range(1, repetitions).SelectMany(i => new[] { $"ours{i}", $"naive{i}", $"agent{i}" }).ToArray();
        Console.Write($"creating {roles.Length} fresh network namespaces ... ");
        using var lab = NetworkLab.Create(roles);
        Console.WriteLine("done");

        var results = new ApplyResults();
        var empty = NamespaceNft.RunChecked(lab["ours1"], "", "-f", "-");
        var netnsExec = Stopwatch.StartNew();
        lab["ours1"].RunAsync("true").GetAwaiter().GetResult();
        Console.WriteLine(Invariant($"an empty nft -f (process start, netlink socket): {empty.Wall.TotalMilliseconds:F0} ms; ip netns exec true: {netnsExec.Elapsed.TotalMilliseconds:F0} ms"));
        for (var i = 1; i <= repetitions; i++)
        {
            var ours = lab[$"ours{i}"];
            var peer = lab[$"naive{i}"];
            var oursFirst = results.OursFirst.Add(NamespaceNft.RunChecked(ours, ruleset.Script, "-f", "-"));
            var peerFirst = results.NaiveFirst.Add(NamespaceNft.RunChecked(peer, naive, "-f", "-"));
            var oursReload = results.OursReload.Add(NamespaceNft.RunChecked(ours, ruleset.Script, "-f", "-"));
            var peerReload = results.NaiveReload.Add(NamespaceNft.RunChecked(peer, naive, "-f", "-"));
            var read = results.CounterRead.Add(NamespaceNft.RunChecked(ours, null, "-j", "list", "counters", "table", "inet", ruleset.TableName));
            var counters = NftCounterReader.Parse(read.StandardOutput);
            if (counters.Count != ruleset.Counters.Length)
            {
                throw new InvalidOperationException($"the kernel listed {counters.Count} counters, the script declares {ruleset.Counters.Length}");
            }

            results.TablesList.Add(NamespaceNft.RunChecked(ours, null, "-j", "list", "tables", "inet"));
            var (agentFirst, agentReload) = AgentApplyRun.MeasureAsync(lab[$"agent{i}"], policy, changed).GetAwaiter().GetResult();
            results.AddAgent(agentFirst, agentReload);
            Console.WriteLine(
                Invariant($"  {i}/{repetitions}: ours first {oursFirst.Wall.TotalMilliseconds:F0} ms, reload {oursReload.Wall.TotalMilliseconds:F0} ms, ") +
                Invariant($"counter read {read.Wall.TotalMilliseconds:F0} ms, agent {agentFirst.Wall.TotalMilliseconds:F0} / {agentReload.Wall.TotalMilliseconds:F0} ms; naive first {peerFirst.Wall.TotalMilliseconds:F0} ms, reload {peerReload.Wall.TotalMilliseconds:F0} ms; load {MachineInfo.LoadAverage()}"));
        }

        results.Print(compile);
        var first = compile.Median + results.OursFirst.Wall.Median;
        var reload = compile.Median + results.OursReload.Wall.Median;
        Console.WriteLine();
        Console.WriteLine(Invariant($"target: compile + atomic nft -f < {TargetMilliseconds:F0} ms. Medians: compile + first load {first:F0} ms, compile + reload {reload:F0} ms: {Verdict(Math.Max(first, reload))}"));
        Console.WriteLine(Invariant($"the agent's whole apply (also reads the counters, saves its state; nft via ip netns exec): first {results.AgentFirst.Median:F0} ms, change {results.AgentReload.Median:F0} ms: {Verdict(Math.Max(results.AgentFirst.Median, results.AgentReload.Median))}; CPU time {results.AgentFirstCpu.Median:F0} and {results.AgentReloadCpu.Median:F0} ms"));
        Console.WriteLine(Invariant($"naive / ours, nft -f wall medians: first load {results.NaiveFirst.Wall.Median / results.OursFirst.Wall.Median:F2}, reload {results.NaiveReload.Wall.Median / results.OursReload.Wall.Median:F2}"));
        return 0;
    }

    private static string Verdict(double milliseconds) => milliseconds < TargetMilliseconds ? "met" : "NOT met";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
