using BenchmarkDotNet.Running;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// `waf [options]`: the side-by-side run against libmodsecurity (see <see cref="SideBySideWafBenchmark"/>).
/// `waf-bdn [BenchmarkDotNet options]`: <see cref="WafEngineBenchmarks"/>, our engine alone, CPU time and allocations.
/// </summary>
internal static class WafCommand
{
    public static int Run(string[] args)
    {
        var options = WafBenchmarkOptions.Parse(args, out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        return SideBySideWafBenchmark.Run(options);
    }

    /// <remarks>
    /// In process by default: BenchmarkDotNet's separate process means a generated project that rebuilds the engine
    /// into the repository's own obj/ and bin/ folders, which other builds on this machine share; in process it runs
    /// what was built with --artifacts-path. The memory diagnoser works the same in process.
    /// </remarks>
    public static int RunBenchmarkDotNet(string[] args)
    {
        var options = args.Any(a => a.StartsWith("--filter", StringComparison.Ordinal)) ? args : [.. args, "--filter", "*WafEngineBenchmarks*"];
        options = options.Contains("--inProcess") || options.Contains("-i") ? options : [.. options, "--inProcess"];
        BenchmarkSwitcher.FromTypes([typeof(WafEngineBenchmarks)]).Run(options);
        return 0;
    }
}
