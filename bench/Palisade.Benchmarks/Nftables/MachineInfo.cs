using System.Diagnostics;

namespace Palisade.Benchmarks.Nftables;

/// <summary>One line about the machine, printed before the numbers: they mean little without it.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var kernel = ReadOr("/proc/sys/kernel/osrelease", "?");
        return $"{Environment.ProcessorCount} cores, Linux {kernel}, {NftVersion()}, .NET {Environment.Version}, load average {LoadAverage()}";
    }

    /// <summary>The 1-minute load average: above the core count, other work competes for the CPUs.</summary>
    public static string LoadAverage() => ReadOr("/proc/loadavg", "?").Split(' ').FirstOrDefault() ?? "?";

    private static string NftVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(NamespaceNft.Program, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = process?.StandardOutput.ReadToEnd().Trim() ?? "";
            process?.WaitForExit();
            return text.Length > 0 ? text : "nft ?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "nft not found";
        }
    }

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
