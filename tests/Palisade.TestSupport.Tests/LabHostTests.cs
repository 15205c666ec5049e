using Palisade.TestSupport.Network;

namespace Palisade.TestSupport.Tests;

public sealed class LabHostTests
{
    [NetworkFact]
    public async Task RunAsync_Command_RunsInsideTheNamespace()
    {
        using var lab = NetworkLab.Create("a");

        var result = await lab["a"].RunAsync("ip", "-br", "addr", "show", "dev", "eth0");

        Assert.True(result.Succeeded, result.StandardError);
        Assert.Contains("198.18.0.1/24", result.StandardOutput, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task RunAsync_PastTimeout_KillsTheCommandAndThrows()
    {
        using var lab = NetworkLab.Create("a");

        await Assert.ThrowsAsync<TimeoutException>(() => lab["a"].RunAsync("sleep", ["10"], TimeSpan.FromMilliseconds(200)));
    }

    [NetworkFact]
    public void Nft_BadScript_ThrowsWithNftsError()
    {
        using var lab = NetworkLab.Create("a");

        var error = Assert.Throws<LabCommandException>(() => lab["a"].Nft("table inet t { chain c { bogus; }; }"));

        Assert.Contains("syntax error", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, error.Result.ExitCode);
    }

    [NetworkFact]
    public void Nft_WholeTableReplacement_ReplacesAtomicallyAndNftJsonReadsItBack()
    {
        using var lab = NetworkLab.Create("a");
        var a = lab["a"];
        const string Replace = "table inet x {}\ndelete table inet x\n";

        a.Nft(Replace + "table inet x { set s { type ipv4_addr; elements = { 198.18.1.1 }; }; }");
        a.Nft(Replace + "table inet x { set s { type ipv4_addr; elements = { 198.18.2.2 }; }; }");
        using var json = a.NftJson("set inet x s");

        var set = json.RootElement.GetProperty("nftables").EnumerateArray().Single(e => e.TryGetProperty("set", out _)).GetProperty("set");
        Assert.Equal(["198.18.2.2"], set.GetProperty("elem").EnumerateArray().Select(e => e.GetString()));
    }

    [NetworkFact]
    public async Task Nft_RulesInLab_DoNotTouchTheRootRuleset()
    {
        var before = await RootRulesetAsync();
        using var lab = NetworkLab.Create("a");

        await lab["a"].NftAsync("table inet only_in_lab { chain c { type filter hook input priority 0; }; }");

        Assert.Equal(before, await RootRulesetAsync());
    }

    [NetworkFact]
    public async Task StartProcess_CapturesBothStreams_AndDisposeKillsTheTree()
    {
        using var lab = NetworkLab.Create("a");
        var process = lab["a"].StartProcess("sh", "-c", "echo ready; ip -br addr show dev eth0; echo oops >&2; sleep 60 & wait");

        await process.WaitForOutputAsync("oops", TimeSpan.FromSeconds(5));
        var pids = (await lab["a"].RunAsync("ip", "netns", "pids", lab["a"].Name)).StandardOutput;
        Assert.Contains("198.18.0.1/24", process.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("! oops", process.Output, StringComparison.Ordinal);
        Assert.Null(process.ExitCode);

        process.Dispose();

        Assert.True(process.HasExited);
        foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.False(Directory.Exists($"/proc/{pid.Trim()}") && !IsZombie(pid.Trim()), $"pid {pid} survived");
        }
    }

    [NetworkFact]
    public void SetSysctl_ChangesOnlyThisNamespace()
    {
        using var lab = NetworkLab.Create("a", "b");
        var rootValue = File.ReadAllText("/proc/sys/net/ipv4/tcp_syncookies").Trim();

        lab["a"].SetSysctl("net.ipv4.tcp_syncookies", rootValue == "2" ? "0" : "2");

        Assert.NotEqual(rootValue, lab["a"].GetSysctl("net.ipv4.tcp_syncookies"));
        Assert.Equal(rootValue, File.ReadAllText("/proc/sys/net/ipv4/tcp_syncookies").Trim());
    }

    private static bool IsZombie(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<string> RootRulesetAsync()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("nft", "list ruleset") { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
