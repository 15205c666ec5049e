using System.Globalization;

namespace Palisade.Benchmarks.Nftables;

/// <summary>Per-packet times by table and probe across rounds, and the summary the kernel benchmark prints.</summary>
internal sealed class KernelResults(string[] tables, string[] probes)
{
    private readonly Dictionary<(string Table, string Probe), (Samples Cpu, Samples Wall)> _samples =
        tables.SelectMany(t => probes.Select(p => (t, p))).ToDictionary(k => k, _ => (new Samples(), new Samples()));

    public void Add(string table, string probe, BlastResult blast)
    {
        var (cpu, wall) = _samples[(table, probe)];
        cpu.Add(blast.CpuNanosecondsPerPacket);
        wall.Add(blast.WallNanosecondsPerPacket);
    }

    /// <summary>
    /// One table per clock: time per packet with each table, then the cost of the table (minus the time with no
    /// table: the receiving kernel's netfilter work) and the ratio of the costs.
    /// </summary>
    public void Print(string baseline, string ours, string naive)
    {
        foreach (var (clock, pick) in new (string, Func<(Samples Cpu, Samples Wall), Samples>)[] { ("sending thread's CPU time", s => s.Cpu), ("wall time", s => s.Wall) })
        {
            Console.WriteLine();
            Console.WriteLine($"ns per packet, median of rounds, {clock}:");
            Console.WriteLine($"{"probe",-10} {baseline,10} {ours,10} {naive,10} {ours + " cost",12} {naive + " cost",12} {naive + " / " + ours,14}");
            foreach (var probe in probes)
            {
                var none = pick(_samples[(baseline, probe)]).Median;
                var our = pick(_samples[(ours, probe)]).Median;
                var peer = pick(_samples[(naive, probe)]).Median;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{probe,-10} {none,10:N0} {our,10:N0} {peer,10:N0} {our - none,12:N0} {peer - none,12:N0} {(peer - none) / (our - none),14:F1}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("cost = time per packet with the table - time per packet with no table. CPU time is the figure to compare: it excludes time the sender waited for a CPU.");
    }
}
