using System.Globalization;

namespace Palisade.Benchmarks.Nftables;

/// <summary>What <see cref="NftApplyCommand"/> measures, and the table it prints.</summary>
internal sealed class ApplyResults
{
    public NftRunSamples OursFirst { get; } = new();

    public NftRunSamples OursReload { get; } = new();

    public NftRunSamples NaiveFirst { get; } = new();

    public NftRunSamples NaiveReload { get; } = new();

    public NftRunSamples CounterRead { get; } = new();

    public NftRunSamples TablesList { get; } = new();

    public Samples AgentFirst { get; } = new();

    public Samples AgentFirstCpu { get; } = new();

    public Samples AgentReload { get; } = new();

    public Samples AgentReloadCpu { get; } = new();

    public Samples AgentReloadCompile { get; } = new();

    public Samples AgentReloadCounterRead { get; } = new();

    public Samples AgentReloadLoad { get; } = new();

    public Samples AgentReloadSave { get; } = new();

    public void AddAgent(AgentApply first, AgentApply reload)
    {
        AgentFirst.Add(first.Wall);
        AgentFirstCpu.Add(first.Cpu);
        AgentReload.Add(reload.Wall);
        AgentReloadCpu.Add(reload.Cpu);
        AgentReloadCompile.Add(reload.Steps.Compile);
        AgentReloadCounterRead.Add(reload.Steps.CounterRead);
        AgentReloadLoad.Add(reload.Steps.Load);
        AgentReloadSave.Add(reload.Steps.Save);
    }

    public void Print(Samples compile)
    {
        Console.WriteLine();
        Console.WriteLine("ms (wall median, max; median CPU time of the nft process)    ours: median    max    cpu   naive: median    max    cpu   ours / naive");
        Line("compile (in this process)", compile, null, null, null);
        Line("nft -f, first load in a fresh namespace", OursFirst.Wall, OursFirst.Cpu, NaiveFirst.Wall, NaiveFirst.Cpu);
        Line("nft -f, reload over the existing table", OursReload.Wall, OursReload.Cpu, NaiveReload.Wall, NaiveReload.Cpu);
        Line("nft -j list counters (the agent, per change)", CounterRead.Wall, CounterRead.Cpu, null, null);
        Line("nft -j list tables inet (was the agent's check)", TablesList.Wall, TablesList.Cpu, null, null);
        Line("agent apply, first (RulesetEnforcer; cpu: agent + nft)", AgentFirst, AgentFirstCpu, null, null);
        Line("agent apply, a change over the table", AgentReload, AgentReloadCpu, null, null);
        Line("  of which: compile", AgentReloadCompile, null, null, null);
        Line("  counter read (runs during the compile)", AgentReloadCounterRead, null, null, null);
        Line("  nft -f (through ip netns exec)", AgentReloadLoad, null, null, null);
        Line("  saving the state directory", AgentReloadSave, null, null, null);
    }

    private static void Line(string name, Samples wall, Samples? cpu, Samples? naiveWall, Samples? naiveCpu)
    {
        var ours = Figures(wall, cpu);
        var naive = naiveWall is null ? "" : Figures(naiveWall, naiveCpu);
        var ratio = naiveWall is null ? "" : (wall.Median / naiveWall.Median).ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine($"{name,-60} {ours,20} {naive,22} {ratio,14}");
    }

    private static string Figures(Samples wall, Samples? cpu) =>
        string.Create(CultureInfo.InvariantCulture, $"{wall.Median,6:F0} {wall.Max,6:F0} {(cpu is null ? "-" : cpu.Median.ToString("F0", CultureInfo.InvariantCulture)),6}");
}
