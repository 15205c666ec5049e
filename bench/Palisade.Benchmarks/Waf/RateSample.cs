namespace Palisade.Benchmarks.Waf;

/// <summary>
/// One timed run of one engine on one request: transactions done, the wall time and the process's CPU time they
/// took, and the managed bytes allocated and gen-0 collections on the way.
/// </summary>
internal readonly record struct RateSample(long Transactions, double WallSeconds, double CpuSeconds, long AllocatedBytes, int Gen0Collections)
{
    /// <summary>Transactions per second of CPU time: the "per core" figure, unaffected by waiting for a CPU on a shared machine.</summary>
    public double PerCpuSecond => Transactions / CpuSeconds;

    public double PerWallSecond => Transactions / WallSeconds;

    public double BytesPerTransaction => (double)AllocatedBytes / Transactions;

    public double Gen0PerThousand => Gen0Collections * 1000.0 / Transactions;
}
