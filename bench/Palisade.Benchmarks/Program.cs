using Palisade.Benchmarks.Evaluator;
using Palisade.Benchmarks.Nftables;
using Palisade.Benchmarks.Waf;

// One subcommand per benchmark, so each can be run on its own: `dotnet run -c Release --project bench/Palisade.Benchmarks -- NAME [options]`.
// Add a benchmark by adding a case here and keeping its code in its own folder.
return args.FirstOrDefault() switch
{
    "evaluator" => EvaluatorCommand.Run(args[1..]),
    "nft-apply" => NftApplyCommand.Run(args[1..]),
    "nft-kernel" => NftKernelCommand.Run(args[1..]),
    "waf" => WafCommand.Run(args[1..]),
    "waf-bdn" => WafCommand.RunBenchmarkDotNet(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/Palisade.Benchmarks -- BENCHMARK [options]
          evaluator [--quick]   packet evaluator vs a linear scan on ClassBench-style acl/fw rule sets (1k, 10k rules);
                                without --quick runs BenchmarkDotNet (extra options are passed to it, e.g. --job short)
          nft-apply [--rules N] [--quick]
                                compile + atomic nft -f of an instance with N (10,000) rules, first load and reload,
                                against the same rules as a naive one-rule-per-line chain (root, network namespaces)
          nft-kernel [--rules N] [--quick]
                                kernel ns per packet through our compiled table vs the naive chain (root, namespaces)
          waf [--quick] [--phases] [--verbose] [--crs DIR|debian] [--rounds N] [--run-ms MS]
              [--request NAME] [--only ours|modsecurity]
                                WAF engine vs libmodsecurity 3 with CRS at PL1, one thread each: tx/s per core, ratio,
                                our bytes allocated per tx, for browser-get, form-post-1k, json-post-10k
          waf-bdn [BenchmarkDotNet options]
                                BenchmarkDotNet with [MemoryDiagnoser] over our engine's three request types
        """);
    return 2;
}
