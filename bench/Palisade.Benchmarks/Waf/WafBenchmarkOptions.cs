using System.Globalization;

namespace Palisade.Benchmarks.Waf;

/// <summary>`waf [--quick] [--crs DIR|debian] [--rounds N] [--run-ms MS] [--phases] [--verbose] [--only ours|modsecurity] [--request NAME]`.</summary>
internal sealed record WafBenchmarkOptions(
    bool Quick,
    string? CrsDirectory,
    int Rounds,
    TimeSpan RunTime,
    TimeSpan WarmUpTime,
    bool Phases,
    bool Verbose,
    string? Only,
    IReadOnlyList<string> Requests)
{
    public const string OursOnly = "ours";
    public const string ModSecurityOnly = "modsecurity";

    /// <summary>Parses the arguments; null with <paramref name="error"/> set when one is not understood.</summary>
    public static WafBenchmarkOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var quick = args.Contains("--quick");
        string? crs = null;
        int? rounds = null;
        int? runMilliseconds = null;
        var phases = false;
        var verbose = false;
        string? only = null;
        var requests = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--phases":
                    phases = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--only" when i + 1 < args.Count && args[i + 1] is OursOnly or ModSecurityOnly:
                    only = args[++i];
                    break;
                case "--crs" when i + 1 < args.Count:
                    crs = args[++i];
                    break;
                case "--rounds" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    rounds = n;
                    i++;
                    break;
                case "--run-ms" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var ms) && ms > 0:
                    runMilliseconds = ms;
                    i++;
                    break;
                case "--request" when i + 1 < args.Count && BenchRequests.Names.Contains(args[i + 1]):
                    requests.Add(args[++i]);
                    break;
                default:
                    error = $"waf: unknown or incomplete option '{args[i]}' (expected --quick, --phases, --verbose, --only ours|modsecurity, --crs DIR|debian, --rounds N, --run-ms MS, --request {string.Join('|', BenchRequests.Names)}).";
                    return null;
            }
        }

        // Defaults bound the whole run: loading, our engine's warm-up until the JIT settles (at most 5 s / 15 s), then
        // 3 requests x 2 engines x (warm-up + rounds x run time): about 20 s with --quick and 50 s without. The
        // per-request warm-up lets the NonBacktracking regexes build the states this request's values need.
        return new WafBenchmarkOptions(
            quick,
            crs,
            rounds ?? (quick ? 3 : 7),
            TimeSpan.FromMilliseconds(runMilliseconds ?? (quick ? 150 : 500)),
            TimeSpan.FromMilliseconds(quick ? 300 : 1000),
            phases,
            verbose,
            only,
            requests.Count > 0 ? requests : BenchRequests.Names);
    }
}
