using System.Diagnostics;
using System.Globalization;
using Palisade.Benchmarks.RuleSets;
using Palisade.SecurityGroups.Effective;

namespace Palisade.Benchmarks.Evaluator;

/// <summary>
/// The few-seconds version of the evaluator benchmark, without BenchmarkDotNet: both classifiers on the same
/// entries and trace, interleaved run by run so that drift on a shared machine hits both, medians printed.
/// </summary>
/// <remarks>
/// Rates are classifications per second of wall-clock time and, for ours, also per second of the process's CPU
/// time: on a machine shared with other builds the thread is descheduled for part of a run, which lowers the first
/// but not the second, and "per core" is what the second measures.
/// </remarks>
internal static class QuickEvaluatorBenchmark
{
    private const int Runs = 7;
    private static readonly TimeSpan RunTime = TimeSpan.FromMilliseconds(150);

    private static readonly (RuleSetStyle Style, int Rules)[] Configurations =
        [(RuleSetStyle.Acl, 1_000), (RuleSetStyle.Acl, 10_000), (RuleSetStyle.Firewall, 1_000), (RuleSetStyle.Firewall, 10_000)];

    public static int Run()
    {
        var failed = false;
        foreach (var (style, rules) in Configurations)
        {
            var workload = EvaluatorWorkload.Create(style, rules);
            var mismatches = workload.CountMismatches();
            failed |= mismatches != 0;

            var ours = new double[Runs];
            var oursPerCpu = new double[Runs];
            var linear = new double[Runs];
            var evaluator = new double[Runs];
            for (var run = 0; run < Runs; run++)
            {
                (ours[run], oursPerCpu[run]) = Rate<Ours>(workload);
                linear[run] = Rate<Linear>(workload).PerSecond;
                evaluator[run] = Rate<FullEvaluator>(workload).PerSecond;
            }

            var oursMedian = Median(ours);
            var linearMedian = Median(linear);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"evaluator {workload.Name}: ours {oursMedian / 1e6:F2} M/s ({Median(oursPerCpu) / 1e6:F2} M per CPU-second), linear scan {linearMedian / 1e6:F3} M/s, ratio {oursMedian / linearMedian:F0}" +
                $" ({workload.Entries.Length} entries, mean first match #{workload.MeanFirstMatchPosition():F0}, build {workload.BuildTime.TotalMilliseconds:F0} ms, tables {workload.Ours.MemoryBytes / 1048576.0:F1} MB," +
                $" heap +{workload.ManagedBytes / 1048576.0:F1} MB, {workload.Ours.Ipv4Shape.Blocks} blocks, {workload.Ours.Ipv4Shape.LeafRules} leaf rules, PolicyEvaluator {Median(evaluator) / 1e6:F2} M/s, mismatches {mismatches})"));
        }

        return failed ? 1 : 0;
    }

    /// <summary>
    /// Classifications per second of wall-clock and of CPU time over the trace, repeated until <see cref="RunTime"/>
    /// has passed. Generic over a struct so the JIT specialises the loop and no delegate call is timed along with the
    /// classifier.
    /// </summary>
    private static (double PerSecond, double PerCpuSecond) Rate<TClassify>(EvaluatorWorkload workload)
        where TClassify : struct, IClassify
    {
        var trace = workload.Trace;
        var length = trace.Length;
        long done = 0;
        var sink = 0;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        var index = 0;
        while (stopwatch.Elapsed < RunTime)
        {
            // Check the clock every 256 packets: reading it costs about as much as a classification.
            for (var i = 0; i < 256; i++)
            {
                sink += TClassify.Classify(workload, trace[index]);
                index = index + 1 == length ? 0 : index + 1;
            }

            done += 256;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        GC.KeepAlive(sink);
        return (done / seconds, done / cpuSeconds);
    }

    private interface IClassify
    {
        static abstract int Classify(EvaluatorWorkload workload, in PacketQuery packet);
    }

    private readonly struct Ours : IClassify
    {
        public static int Classify(EvaluatorWorkload workload, in PacketQuery packet) => workload.Ours.FindFirstMatch(packet);
    }

    private readonly struct Linear : IClassify
    {
        public static int Classify(EvaluatorWorkload workload, in PacketQuery packet) => workload.Linear.FindFirstMatch(packet);
    }

    private readonly struct FullEvaluator : IClassify
    {
        public static int Classify(EvaluatorWorkload workload, in PacketQuery packet) => (int)workload.Evaluator.Evaluate(packet).Verdict;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
