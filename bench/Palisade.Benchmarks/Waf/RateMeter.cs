using System.Diagnostics;
using System.Runtime;

namespace Palisade.Benchmarks.Waf;

/// <summary>Runs transactions back to back on the calling thread for a fixed wall time and samples the cost.</summary>
internal static class RateMeter
{
    /// <summary>Runs shorter than this many transactions would quantise the rate of a slow engine (ModSecurity's JSON POST takes ~0.1 s).</summary>
    private const int MinimumTransactions = 3;

    /// <remarks>
    /// CPU time is the whole process's (Environment.CpuUsage): single-threaded engines, so it is this thread's work
    /// plus what the runtime does for it on other threads (background GC, JIT) — a cost our engine must carry.
    /// Allocations are this thread's, which is where a transaction allocates.
    /// </remarks>
    public static RateSample Measure(TransactionRunner runner, TimeSpan duration)
    {
        long done = 0;
        var sink = 0;
        var gen0Before = GC.CollectionCount(0);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration || done < MinimumTransactions)
        {
            sink |= runner.Run();
            done++;
        }

        var wall = stopwatch.Elapsed.TotalSeconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        if (sink != 0)
        {
            throw new InvalidOperationException($"{runner.EngineName} intervened (status {sink}) during the timed run of a request it had passed in the check.");
        }

        return new RateSample(done, wall, cpu, allocated, gen0);
    }

    /// <summary>
    /// Runs the runners round-robin until the JIT has compiled nothing new for <paramref name="quiet"/> (tiered
    /// compilation has settled: tier-0, instrumented and tier-1 code are in place), or <paramref name="limit"/> has
    /// passed. Timing before that charges our engine for the JIT's background thread, which the process CPU time
    /// includes: a fixed one-second warm-up measured our browser GET at a sixth of its steady rate.
    /// </summary>
    public static (TimeSpan Elapsed, long MethodsCompiled, bool Settled) WarmUpUntilJitSettles(IReadOnlyList<TransactionRunner> runners, TimeSpan quiet, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var lastChange = TimeSpan.Zero;
        while (stopwatch.Elapsed < limit)
        {
            foreach (var runner in runners)
            {
                runner.Run();
            }

            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastChange = stopwatch.Elapsed;
            }
            else if (stopwatch.Elapsed - lastChange >= quiet)
            {
                return (stopwatch.Elapsed, compiled, true);
            }
        }

        return (stopwatch.Elapsed, compiled, false);
    }

    /// <summary>Per-step wall time over <paramref name="duration"/> of transactions (the `--phases` breakdown).</summary>
    public static StepClock MeasureSteps(TransactionRunner runner, TimeSpan duration)
    {
        var clock = new StepClock();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < duration)
        {
            runner.Run(clock);
        }

        return clock;
    }
}
