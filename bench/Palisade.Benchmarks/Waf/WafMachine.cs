namespace Palisade.Benchmarks.Waf;

/// <summary>One line about the machine, printed before the numbers: they mean little without it.</summary>
internal static class WafMachine
{
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores ({CpuModel()}), Linux {ReadOr("/proc/sys/kernel/osrelease", "?")}, .NET {Environment.Version}, " +
        $"GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, load average {ReadOr("/proc/loadavg", "?").Split(' ')[0]}";

    private static string CpuModel() =>
        ReadOr("/proc/cpuinfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "cpu ?";

    private static string ReadOr(string path, string fallback)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (IOException)
        {
            return fallback;
        }
    }
}
