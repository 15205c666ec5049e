using BenchmarkDotNet.Attributes;
using Palisade.SecurityGroups.Effective;

namespace Palisade.Benchmarks.Evaluator;

/// <summary>
/// BenchmarkDotNet version of the evaluator benchmark: the compiled classifier against a linear scan of the same
/// entries, on the same trace; BenchmarkDotNet prints the ratio column against the baseline. One invocation
/// classifies the whole trace, the same 65,536 packets as the quick mode, so both report the same workload.
/// </summary>
[MemoryDiagnoser]
public class EvaluatorBenchmarks
{
    private const int PacketsPerInvoke = 1 << 16;

    private EvaluatorWorkload _workload = null!;
    private PacketQuery[] _packets = [];

    [Params("acl", "fw")]
    public string Style { get; set; } = "acl";

    [Params(1_000, 10_000)]
    public int Rules { get; set; } = 1_000;

    [GlobalSetup]
    public void Setup()
    {
        _workload = EvaluatorWorkload.Create(EvaluatorWorkload.ParseStyle(Style), Rules, PacketsPerInvoke);
        _packets = _workload.Trace;
        var mismatches = _workload.CountMismatches();
        if (mismatches != 0)
        {
            throw new InvalidOperationException($"The classifiers disagree on {mismatches} packets of the trace; the benchmark would be meaningless.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = PacketsPerInvoke)]
    public int LinearScan()
    {
        var linear = _workload.Linear;
        var sink = 0;
        foreach (ref readonly var packet in _packets.AsSpan())
        {
            sink += linear.FindFirstMatch(packet);
        }

        return sink;
    }

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public int Ours()
    {
        var ours = _workload.Ours;
        var sink = 0;
        foreach (ref readonly var packet in _packets.AsSpan())
        {
            sink += ours.FindFirstMatch(packet);
        }

        return sink;
    }

    [Benchmark(OperationsPerInvoke = PacketsPerInvoke)]
    public int PolicyEvaluator()
    {
        var evaluator = _workload.Evaluator;
        var sink = 0;
        foreach (ref readonly var packet in _packets.AsSpan())
        {
            sink += (int)evaluator.Evaluate(packet).Verdict;
        }

        return sink;
    }
}
