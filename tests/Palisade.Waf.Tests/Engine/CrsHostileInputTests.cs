using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Issue 3: "hostile requests (deep JSON, huge multipart, invalid UTF-8, invalid encodings, 100k arguments) produce
/// errors or verdicts, never crashes, unbounded memory or unbounded time; a fuzz test proves it". Every request runs
/// through CRS v4 in blocking mode like a host runs it (all five phases and the audit record) and must come back with a
/// verdict within <see cref="PerRequestBudget"/>, allocating no more than a fixed allowance plus
/// <see cref="AllocationPerInputByte"/> bytes per byte of input.
/// </summary>
[Collection(MeasuredAloneCollection.Name)]
public sealed class CrsHostileInputTests(WarmCrsEngineFixture crs, ITestOutputHelper output) : IClassFixture<WarmCrsEngineFixture>
{
    public const string SeedVariable = "PALISADE_WAF_FUZZ_SEED";

    private const int DefaultSeed = 20261129;
    private const int RandomRequestCount = 400;
    private const long FixedAllocationAllowance = 8L << 20;
    // Linear in the input, with room for what CRS does to each kept value: up to ~15 distinct transformation pipelines,
    // each result a new string (2 bytes a char) plus its cache entry. 50,000 distinct cookies measure ~75x.
    private const long AllocationPerInputByte = 128;
    private static readonly TimeSpan PerRequestBudget = TimeSpan.FromSeconds(2);

    public static TheoryData<string> Cases => new(HostileRequests.Names);

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileRequest_ThroughCrs_VerdictInBoundedTimeAndMemory(string name)
    {
        var exchange = HostileRequests.Build(name);

        // The first run also pays for what the engine builds once per process (the non-backtracking regexes grow
        // their automata lazily, on the characters they meet); the second run shows what one request costs.
        var first = Measure(exchange, name);
        var steady = Measure(exchange, name);

        output.WriteLine($"{name}: input {Kib(steady.InputSize)} KiB, first {first.Elapsed.TotalMilliseconds:F0} ms / {Kib(first.Allocated)} KiB, "
            + $"then {steady.Elapsed.TotalMilliseconds:F0} ms / {Kib(steady.Allocated)} KiB ({steady.Allocated / (double)Math.Max(1, steady.InputSize):F1}× input), verdict {steady.Verdict}");
        Assert.Equal(first.Verdict, steady.Verdict);
        AssertInTime(name + " (first run)", first);
        AssertBounded(name, steady);
    }

    [Fact]
    public void RandomRequests_FixedSeed_EachVerdictInBoundedTimeAndMemory()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var chosen) ? chosen : DefaultSeed;
        output.WriteLine($"seed {seed} (set {SeedVariable} to replay another)");
        var random = new Random(seed);
        var interventions = 0;
        var slowest = TimeSpan.Zero;

        for (var i = 0; i < RandomRequestCount; i++)
        {
            var exchange = HostileRequests.RandomRequest(random);
            var label = $"seed {seed}, request {i}: {exchange.Method} {Shorten(exchange.Target)}";

            var outcome = Measure(exchange, label);

            AssertBounded(label, outcome);
            interventions += outcome.Verdict == "pass" ? 0 : 1;
            slowest = outcome.Elapsed > slowest ? outcome.Elapsed : slowest;
        }

        output.WriteLine($"{RandomRequestCount} random requests, {interventions} stopped, slowest {slowest.TotalMilliseconds:F0} ms");

        // Half the random requests carry attack fragments: none stopped means nothing was judged, all stopped means no
        // request reached the response phases.
        Assert.InRange(interventions, 1, RandomRequestCount - 1);
        using var probe = CrsProbeTests.Run(crs.Engine, "GET", "/?id=1%27%20OR%20%271%27%3D%271", body: null);
        Assert.Equal(403, probe.Intervention?.Status);
    }

    private Outcome Measure(EngineExchange exchange, string? label = null)
    {
        string verdict;
        string audit;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        try
        {
            using var transaction = exchange.Run(crs.Engine);
            verdict = transaction.Intervention is { } stop ? $"{stop.Action} {stop.Status} by {stop.RuleId}" : "pass";
            audit = transaction.BuildAuditRecord();
        }
        catch (Exception exception)
        {
            throw new Xunit.Sdk.XunitException($"{label ?? "request"}: the engine threw {exception.GetType().Name}: {exception.Message}{Environment.NewLine}{exception.StackTrace}");
        }

        watch.Stop();

        // Counted on this thread only: the engine is synchronous, and other test classes run on other threads.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        using (JsonDocument.Parse(audit))
        {
        }

        return new Outcome(HostileRequests.InputSize(exchange), watch.Elapsed, allocated, verdict);
    }

    private static void AssertInTime(string label, Outcome outcome) =>
        Assert.True(outcome.Elapsed < PerRequestBudget, $"{label}: {outcome.Elapsed.TotalMilliseconds:F0} ms, budget {PerRequestBudget.TotalMilliseconds:F0} ms");

    private static void AssertBounded(string label, Outcome outcome)
    {
        AssertInTime(label, outcome);
        var allowed = FixedAllocationAllowance + (AllocationPerInputByte * outcome.InputSize);
        Assert.True(outcome.Allocated <= allowed, $"{label}: allocated {Kib(outcome.Allocated)} KiB for {Kib(outcome.InputSize)} KiB of input, allowed {Kib(allowed)} KiB");
    }

    private static string Kib(long bytes) => (bytes / 1024.0).ToString("F0", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    private readonly record struct Outcome(long InputSize, TimeSpan Elapsed, long Allocated, string Verdict);
}
