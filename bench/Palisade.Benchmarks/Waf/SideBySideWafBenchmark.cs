using System.Diagnostics;
using System.Globalization;
using Palisade.Waf.Engine;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// `waf`: libmodsecurity 3 and our engine, same configuration (waf-base.conf + CRS at paranoia level 1), same three
/// requests, one thread, in one process. First both engines must pass every request without intervention (the
/// rules each logged are printed); then rounds alternate the engines, each running transactions back to back for a
/// fixed time, and the medians of the rates per CPU-second are compared.
/// </summary>
internal static class SideBySideWafBenchmark
{
    public static int Run(WafBenchmarkOptions options)
    {
        var files = WafRuleFiles.Locate(options.CrsDirectory);
        Console.WriteLine($"waf: {WafMachine.Describe()}");
        Console.WriteLine($"waf: {files.Describe()}");

        using var modSecurity = options.Only == WafBenchmarkOptions.OursOnly ? null : LoadModSecurity(files);
        if (modSecurity is null && options.Only != WafBenchmarkOptions.OursOnly)
        {
            return 1;
        }

        var log = new CapturingWafLog();
        var ours = options.Only == WafBenchmarkOptions.ModSecurityOnly ? null : LoadOurs(files, log);
        var pairs = options.Requests.Select(BenchRequests.Get)
            .Select(r => new RunnerPair(
                r,
                modSecurity is null ? null : new ModSecurityTransactionRunner(modSecurity, r),
                ours is null ? null : new PalisadeTransactionRunner(ours, log, r)))
            .ToList();

        var benign = true;
        foreach (var pair in pairs)
        {
            foreach (var runner in pair.Runners)
            {
                benign &= Check(pair.Request, runner);
            }
        }

        if (!benign)
        {
            Console.Error.WriteLine("waf: an engine intervened on a benign request; timing it would measure an early exit, not inspection. Nothing timed.");
            return 1;
        }

        var ourRunners = pairs.Select(p => p.Ours).OfType<TransactionRunner>().ToList();
        if (ourRunners.Count > 0)
        {
            var (elapsed, methods, settled) = RateMeter.WarmUpUntilJitSettles(ourRunners, TimeSpan.FromMilliseconds(500), options.Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(15));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"waf: warm-up of our engine {elapsed.TotalSeconds:F1} s, {(settled ? "until the JIT was quiet for 0.5 s" : "stopped at its limit with the JIT still compiling")} ({methods:N0} methods compiled)"));
        }

        var results = pairs.Select(pair => Measure(pair, options)).ToList();
        Console.WriteLine();
        Console.WriteLine("request          | ModSecurity tx/s/core | ours tx/s/core | ours / ModSecurity | ours B/tx");
        foreach (var (request, peer, our, bytes) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{request.Name,-16} | {Figure(peer, "N0"),21} | {Figure(our, "N0"),14} | {Figure(our / peer, "F1"),18} | {Figure(bytes, "N0"),9}"));
        }

        if (options.Phases)
        {
            PrintPhases(pairs, options.Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(1));
        }

        return 0;
    }

    private static ModSecurityWaf? LoadModSecurity(WafRuleFiles files)
    {
        var load = Stopwatch.StartNew();
        try
        {
            var modSecurity = ModSecurityWaf.Load(files.Files);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"waf: {modSecurity.Version}: {modSecurity.RuleCount} rules loaded in {load.Elapsed.TotalMilliseconds:F0} ms"));
            return modSecurity;
        }
        catch (DllNotFoundException exception)
        {
            Console.Error.WriteLine($"waf: libmodsecurity.so.3 could not be loaded (Debian: apt-get install libmodsecurity3): {exception.Message}");
            return null;
        }
    }

    private static WafEngine LoadOurs(WafRuleFiles files, CapturingWafLog log)
    {
        var load = Stopwatch.StartNew();
        var ours = WafEngine.LoadFiles(files.Files, new WafEngineOptions { Log = log, WarmRegexes = true });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"waf: ours: {ours.RuleCount} rules loaded in {load.Elapsed.TotalMilliseconds:F0} ms (regexes built at load), mode {ours.Mode}"));
        return ours;
    }

    /// <summary>One benign check line: intervention or not, and the rules that logged (and, for ours, matched).</summary>
    private static bool Check(BenchRequest request, TransactionRunner runner)
    {
        var verdict = runner.Inspect();
        var outcome = verdict.IsBenign ? "passed" : $"INTERVENED with status {verdict.InterventionStatus} ({verdict.InterventionDetail})";
        var logged = verdict.LoggedRuleIds.Count == 0 ? "no rule logged" : $"{verdict.LoggedRuleIds.Count} rules logged [{string.Join(' ', verdict.LoggedRuleIds)}]";
        var matched = verdict.MatchedRuleIds is null ? "" : $"; {verdict.MatchedRuleIds.Count} rules matched incl. nolog [{Abbreviate(verdict.MatchedRuleIds)}]";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"check {request.Name} ({request.Headers.Count} headers, {request.Body.Length:N0} B body, {request.WireSize:N0} B on the wire), {runner.EngineName}: {outcome}, {logged}{matched}"));
        return verdict.IsBenign;
    }

    /// <summary>Warm-up, then rounds alternating the engines; one summary line with the medians.</summary>
    private static (BenchRequest Request, double Peer, double Ours, double OurBytes) Measure(RunnerPair pair, WafBenchmarkOptions options)
    {
        foreach (var runner in pair.Runners)
        {
            RateMeter.Measure(runner, options.WarmUpTime);
        }

        var samples = pair.Runners.ToDictionary(r => r, _ => new List<RateSample>());
        for (var round = 0; round < options.Rounds; round++)
        {
            // Alternate who goes first, so that a slow spell on the shared machine does not always hit one side.
            var order = round % 2 == 0 ? pair.Runners : pair.Runners.Reverse();
            foreach (var runner in order)
            {
                samples[runner].Add(RateMeter.Measure(runner, options.RunTime));
            }
        }

        var parts = new List<string>();
        foreach (var (runner, runs) in samples)
        {
            if (options.Verbose)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {pair.Request.Name} {runner.EngineName} per round: {string.Join(", ", runs.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.PerCpuSecond:N0}/cpu-s {s.BytesPerTransaction:N0} B")))}"));
            }

            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{runner.EngineName} {Median(runs, s => s.PerCpuSecond):N0} tx/s per core ({Median(runs, s => s.PerWallSecond):N0}/s wall)"));
        }

        var peer = pair.Peer is null ? double.NaN : Median(samples[pair.Peer], s => s.PerCpuSecond);
        var ours = pair.Ours is null ? double.NaN : Median(samples[pair.Ours], s => s.PerCpuSecond);
        var bytes = pair.Ours is null ? double.NaN : Median(samples[pair.Ours], s => s.BytesPerTransaction);
        var gen0 = pair.Ours is null ? double.NaN : Median(samples[pair.Ours], s => s.Gen0PerThousand);
        if (pair.Ours is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"ours {bytes:N0} B allocated per tx, {gen0:F1} gen0 GCs per 1k tx"));
        }

        if (pair.Peer is not null && pair.Ours is not null)
        {
            parts.Insert(2, string.Create(CultureInfo.InvariantCulture, $"ratio {ours / peer:F1}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"waf {pair.Request.Name}: {string.Join(", ", parts)} ({options.Rounds} rounds x {options.RunTime.TotalMilliseconds:F0} ms, medians)"));
        return (pair.Request, peer, ours, bytes);
    }

    private static void PrintPhases(IEnumerable<RunnerPair> pairs, TimeSpan duration)
    {
        Console.WriteLine();
        Console.WriteLine("µs per transaction by step (wall time, includes ~25 ns of clock reading per step):");
        var steps = Enum.GetValues<TransactionStep>();
        Console.WriteLine($"{"request",-16} {"engine",-12} " + string.Join(' ', steps.Select(s => $"{s,15}")));
        foreach (var pair in pairs)
        {
            foreach (var runner in pair.Runners)
            {
                var clock = RateMeter.MeasureSteps(runner, duration);
                Console.WriteLine($"{pair.Request.Name,-16} {runner.EngineName,-12} " +
                    string.Join(' ', steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{clock.MicrosecondsPerTransaction(s),15:F1}"))));
            }
        }
    }

    private static string Figure(double value, string format) =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Abbreviate(IReadOnlyList<int> ids) =>
        ids.Count <= 24 ? string.Join(' ', ids) : string.Join(' ', ids.Take(24)) + $" … +{ids.Count - 24}";

    private static double Median(IEnumerable<RateSample> samples, Func<RateSample, double> figure)
    {
        var sorted = samples.Select(figure).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The two engines prepared for one request; either may be absent with `--only`.</summary>
    private sealed record RunnerPair(BenchRequest Request, TransactionRunner? Peer, TransactionRunner? Ours)
    {
        public IReadOnlyList<TransactionRunner> Runners { get; } = new[] { Peer, Ours }.OfType<TransactionRunner>().ToArray();
    }
}
