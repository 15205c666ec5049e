using BenchmarkDotNet.Running;

namespace Palisade.Benchmarks.Evaluator;

/// <summary>
/// `evaluator [--quick] [BenchmarkDotNet options]`: with --quick a few-seconds Stopwatch run printing one line per
/// configuration; otherwise the BenchmarkDotNet suite (remaining arguments go to BenchmarkDotNet, e.g. --job short).
/// </summary>
internal static class EvaluatorCommand
{
    public static int Run(string[] args)
    {
        if (args.Contains("--quick"))
        {
            return QuickEvaluatorBenchmark.Run();
        }

        var options = args.Any(a => a.StartsWith("--filter", StringComparison.Ordinal)) ? args : [.. args, "--filter", "*EvaluatorBenchmarks*"];
        BenchmarkSwitcher.FromTypes([typeof(EvaluatorBenchmarks)]).Run(options);
        return 0;
    }
}
