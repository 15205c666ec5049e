using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using Palisade.TestSupport.Native;
using Palisade.TestSupport.Network;

namespace Palisade.TestSupport.Tests;

public sealed class NetworkLabTests
{
    [NetworkFact]
    public async Task Create_TwoHosts_HaveDocumentedAddressesAndNoDefaultRoute()
    {
        using var lab = NetworkLab.Create("a", "b");
        var b = lab["b"];

        Assert.Matches("^pal-[a-z0-9]{6}-b$", b.Name);
        Assert.Equal(IPAddress.Parse("198.18.0.2"), b.IPv4);
        Assert.Equal(IPAddress.Parse("2001:2::2"), b.IPv6);
        Assert.Equal(PhysicalAddress.Parse("02-00-C6-12-00-02"), b.MacAddress);
        Assert.Equal("eth0", b.InterfaceName);

        var link = (await b.RunAsync("ip", "-j", "addr", "show", "dev", "eth0")).EnsureSuccess();
        using var json = JsonDocument.Parse(link.StandardOutput);
        var addresses = json.RootElement[0].GetProperty("addr_info").EnumerateArray()
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")
            .ToArray();
        Assert.Contains("198.18.0.2/24", addresses);
        Assert.Contains("2001:2::2/64", addresses);
        Assert.DoesNotContain("tentative", link.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("02:00:c6:12:00:02", json.RootElement[0].GetProperty("address").GetString());

        Assert.Empty((await b.RunAsync("ip", "-4", "route", "show", "default")).EnsureSuccess().StandardOutput.Trim());
        Assert.Empty((await b.RunAsync("ip", "-6", "route", "show", "default")).EnsureSuccess().StandardOutput.Trim());
        Assert.Equal("0", b.GetSysctl("net.ipv4.conf.all.rp_filter"));
        Assert.Equal("0", b.GetSysctl("net.ipv4.conf.eth0.rp_filter"));
    }

    [NetworkFact]
    public void Create_Lab_LeavesTheRootNamespaceInterfacesAlone()
    {
        var before = RootInterfaces();

        using (var lab = NetworkLab.Create("a", "b", "c"))
        {
            Assert.Equal(before, RootInterfaces());
            Assert.Equal(3, lab.Hosts.Count);
        }

        Assert.Equal(before, RootInterfaces());
    }

    [NetworkFact]
    public void Dispose_LabWithRunningProcess_DeletesEveryNamespaceAndKillsTheProcess()
    {
        string[] names;
        int pid;
        using (var lab = NetworkLab.Create("a", "b"))
        {
            names = [.. lab.Hosts.Select(h => h.Name), lab.SwitchNamespace];
            Assert.All(names, n => Assert.True(File.Exists(Path.Combine("/var/run/netns", n)), n));
            pid = lab["a"].StartProcess("sleep", "60").Id;
        }

        Assert.All(names, n => Assert.False(File.Exists(Path.Combine("/var/run/netns", n)), n));
        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.False(File.Exists(Path.Combine(LabOwnership.OwnerDirectory, names[0][..names[0].LastIndexOf('-')])));
    }

    [NetworkFact]
    public void Dispose_ProcessThatEscapedItsTree_IsStillKilled()
    {
        int orphan;
        using (var lab = NetworkLab.Create("a"))
        {
            // The shell prints the pid of a background sleep and exits: the sleep is re-parented to init, outside
            // any tree we started. Only the namespace sweep can find it.
            var result = lab["a"].RunAsync("sh", "-c", "sleep 60 >/dev/null 2>&1 & echo $!").GetAwaiter().GetResult();
            orphan = int.Parse(result.StandardOutput.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Directory.Exists($"/proc/{orphan}"));
        }

        // SIGKILL is delivered at once, but the zombie is reaped by init; wait until it is gone from /proc.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (File.Exists($"/proc/{orphan}/stat") && !File.ReadAllText($"/proc/{orphan}/stat").Contains(") Z ", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.True(!File.Exists($"/proc/{orphan}/stat") || File.ReadAllText($"/proc/{orphan}/stat").Contains(") Z ", StringComparison.Ordinal));
    }

    [NetworkFact]
    public void CleanupStale_OwnerlessNamespace_IsDeletedWhileLiveLabsSurvive()
    {
        using var live = NetworkLab.Create("a");
        var leftover = $"pal-{Guid.NewGuid():N}"[..10] + "-x";
        Assert.Matches("^pal-[a-z0-9]{6}-x$", leftover);
        Assert.True(RunIp("netns", "add", leftover));
        try
        {
            // "Created before now + 5 s" makes the fresh leftover look like a crashed run's.
            var deleted = LabOwnership.CleanupStale(NetworkLab.DefaultPrefix, DateTime.UtcNow.AddSeconds(5));

            Assert.True(deleted >= 1);
            Assert.False(File.Exists(Path.Combine("/var/run/netns", leftover)));
            Assert.True(File.Exists(Path.Combine("/var/run/netns", live["a"].Name)));
            Assert.True(File.Exists(Path.Combine("/var/run/netns", live.SwitchNamespace)));
        }
        finally
        {
            RunIp("netns", "del", leftover);
        }
    }

    [NetworkFact]
    public void CleanupStale_DefaultCutoff_LeavesNamespacesCreatedAfterThisProcessStarted()
    {
        var fresh = $"pal-{Guid.NewGuid():N}"[..10] + "-y";
        Assert.True(RunIp("netns", "add", fresh));
        try
        {
            NetworkLab.CleanupStale();

            Assert.True(File.Exists(Path.Combine("/var/run/netns", fresh)));
        }
        finally
        {
            RunIp("netns", "del", fresh);
        }
    }

    [NetworkFact]
    public void IsOwnerAlive_OnlyTheLiveOwnerWithTheSameStartTimeCounts()
    {
        var prefix = $"pal-{Guid.NewGuid():N}"[..10];
        var file = Path.Combine(LabOwnership.OwnerDirectory, prefix);
        try
        {
            LabOwnership.Claim(prefix);
            Assert.True(LabOwnership.IsOwnerAlive(prefix));

            // Same pid, different start time: the pid was reused by another process after a crash.
            File.WriteAllText(file, $"{Environment.ProcessId} 1\n");
            Assert.False(LabOwnership.IsOwnerAlive(prefix));

            File.WriteAllText(file, "2147483647 1\n");
            Assert.False(LabOwnership.IsOwnerAlive(prefix));

            LabOwnership.Release(prefix);
            Assert.False(LabOwnership.IsOwnerAlive(prefix));
        }
        finally
        {
            LabOwnership.Release(prefix);
        }
    }

    [Fact]
    public void CleanupStale_ForeignPrefix_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => NetworkLab.CleanupStale("docker"));
    }

    [Theory]
    [InlineData("sw")]
    [InlineData("Client")]
    [InlineData("1a")]
    [InlineData("averyverylongrole")]
    [InlineData("a-b")]
    public void Create_BadRole_IsRefusedBeforeAnythingIsCreated(string role)
    {
        Assert.Throws<ArgumentException>(() => NetworkLab.Create("ok", role));
    }

    [Fact]
    public void Create_DuplicateRoles_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => NetworkLab.Create("a", "a"));
    }

    [NetworkFact]
    public void IsSupported_AsRootWithTools_IsTrue()
    {
        Assert.True(NetworkLab.IsSupported(out var reason), reason);
    }

    [NetworkFact]
    public void InNamespace_RunsInTheHostNamespace_AndTheCallerStaysWhereItWas()
    {
        using var lab = NetworkLab.Create("a");
        var a = lab["a"];
        var before = NamespaceThread.CurrentNamespaceId();

        var inside = a.InNamespace(NamespaceThread.CurrentNamespaceId);

        Assert.Equal(NamespaceThread.NamespaceId(a.Name), inside);
        Assert.NotEqual(before, inside);
        Assert.Equal(before, NamespaceThread.CurrentNamespaceId());
    }

    private static string[] RootInterfaces() =>
        [.. NetworkInterface.GetAllNetworkInterfaces()
            .Select(i => $"{i.Name} {string.Join(',', i.GetIPProperties().UnicastAddresses.Select(u => u.Address))}")
            .Order(StringComparer.Ordinal)];

    private static bool RunIp(params string[] args)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo("ip") { RedirectStandardError = true };
        args.ToList().ForEach(startInfo.ArgumentList.Add);
        using var process = System.Diagnostics.Process.Start(startInfo)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
