namespace Palisade.Benchmarks.Nftables;

/// <summary>Wall and CPU time of repeated runs of one nft command.</summary>
internal sealed class NftRunSamples
{
    public Samples Wall { get; } = new();

    public Samples Cpu { get; } = new();

    public NftRun Add(NftRun run)
    {
        Wall.Add(run.Wall);
        Cpu.Add(run.Cpu);
        return run;
    }
}
