namespace Palisade.Benchmarks.Nftables;

/// <summary>One finished nft process: what it printed and how long it took, on the clock and on the CPU.</summary>
internal sealed record NftRun(int ExitCode, string StandardOutput, string StandardError, TimeSpan Wall, TimeSpan Cpu)
{
    public bool Succeeded => ExitCode == 0;
}
