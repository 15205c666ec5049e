using BenchmarkDotNet.Attributes;
using Palisade.Waf.Engine;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// BenchmarkDotNet over our engine: one whole transaction (phases 1-5, same calls as the side-by-side run) per
/// operation, for each of the three request types, with CRS v4 at paranoia level 1 and waf-base.conf. The memory
/// diagnoser's "Allocated" column is the managed bytes one transaction allocates.
/// </summary>
[MemoryDiagnoser]
public class WafEngineBenchmarks
{
    private TransactionRunner _runner = null!;

    [Params(BenchRequests.BrowserGetName, BenchRequests.FormPostName, BenchRequests.JsonPostName)]
    public string Request { get; set; } = BenchRequests.BrowserGetName;

    [GlobalSetup]
    public void Setup()
    {
        var log = new CapturingWafLog();
        var engine = WafEngine.LoadFiles(WafRuleFiles.Locate(null).Files, new WafEngineOptions { Log = log, WarmRegexes = true });
        _runner = new PalisadeTransactionRunner(engine, log, BenchRequests.Get(Request));
        var verdict = _runner.Inspect();
        if (!verdict.IsBenign)
        {
            throw new InvalidOperationException($"Our engine intervened on {Request} ({verdict.InterventionDetail}); the benchmark would time an early exit.");
        }
    }

    [Benchmark]
    public int Transaction() => _runner.Run();
}
