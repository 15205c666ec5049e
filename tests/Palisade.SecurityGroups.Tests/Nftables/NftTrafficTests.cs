using System.Net;
using System.Net.Sockets;
using System.Text;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Nftables;
using Palisade.TestSupport;
using Palisade.TestSupport.Network;
using static Palisade.SecurityGroups.Tests.Evaluation.Policies;

namespace Palisade.SecurityGroups.Tests.Nftables;

/// <summary>
/// The classic tutorial enforced by a real kernel: an "instance" namespace loads the compiled ruleset and two
/// clients try to reach it. Each test builds and deletes its own lab.
/// </summary>
public sealed class NftTrafficTests
{
    private static readonly TimeSpan Connects = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Dropped = TimeSpan.FromSeconds(1.5);

    [NetworkTheory]
    [InlineData(32)]
    [InlineData(1)]
    public async Task Tutorial_InTheKernel_OnlyTheAllowedClientReachesSshAndCountersSayWhy(int setThreshold)
    {
        using var lab = NetworkLab.Create("instance", "admin", "other");
        var (instance, admin, other) = (lab["instance"], lab["admin"], lab["other"]);
        var ruleset = Load(instance, TutorialFor(instance, admin), setThreshold);
        using var ssh = instance.ListenTcp(22);
        using var web = instance.ListenTcp(80);
        using var adminService = admin.ListenTcp(8080);

        var results = await Task.WhenAll(
            admin.TcpConnectAsync(instance.IPv4, 22, Connects),
            other.TcpConnectAsync(instance.IPv4, 22, Dropped),
            admin.TcpConnectAsync(instance.IPv4, 80, Dropped),
            admin.TcpConnectAsync(instance.IPv6, 22, Dropped),
            instance.TcpConnectAsync(admin.IPv4, 8080, Connects),
            instance.TcpConnectAsync(admin.IPv6, 8080, Connects));

        Assert.Equal(
            [TcpProbeResult.Connected, TcpProbeResult.TimedOut, TcpProbeResult.TimedOut, TcpProbeResult.TimedOut, TcpProbeResult.Connected, TcpProbeResult.Connected],
            results);
        var counters = ReadCounters(instance);
        Assert.Equal(1, counters["r_sgr-ssh-admin"]);
        Assert.InRange(counters["r_sgr-ssh-world"], 1, 10);
        Assert.InRange(counters["nic0_in_default"], 2, 20);
        Assert.InRange(counters["nic0_out_default"], 2, 20);
        Assert.Equal(ruleset.Counters.Select(c => c.CounterName).Order(StringComparer.Ordinal), counters.Keys.Order(StringComparer.Ordinal));
    }

    [NetworkFact]
    public async Task Reload_RuleFlippedToDrop_LiveConnectionContinuesNewOnesAreDropped()
    {
        using var lab = NetworkLab.Create("instance", "admin");
        var (instance, admin) = (lab["instance"], lab["admin"]);
        var tutorial = TutorialFor(instance, admin);
        Load(instance, tutorial);
        using var ssh = instance.ListenTcp(22, handler: EchoLinesAsync);
        using var client = await admin.CreateSocketAsync(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(instance.IPv4, 22)).WaitAsync(Connects);
        Assert.Equal("before", await EchoAsync(client, "before"));

        var flipped = tutorial with
        {
            SecurityGroups = [tutorial.SecurityGroups[0] with { Rules = [.. tutorial.SecurityGroups[0].Rules.Select(r => r with { Policy = RulePolicy.Drop })] }],
        };
        Load(instance, flipped);

        Assert.Equal("after", await EchoAsync(client, "after"));
        Assert.Equal(TcpProbeResult.TimedOut, await admin.TcpConnectAsync(instance.IPv4, 22, Dropped));
    }

    [NetworkFact]
    public async Task Load_EstablishedTcpConnection_IdlesOutAfter910SecondsAlsoAfterAReload()
    {
        using var lab = NetworkLab.Create("instance", "admin");
        var (instance, admin) = (lab["instance"], lab["admin"]);
        var tutorial = TutorialFor(instance, admin);
        Load(instance, tutorial);
        using var ssh = instance.ListenTcp(22, handler: EchoLinesAsync);
        using var client = await admin.CreateSocketAsync(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(new IPEndPoint(instance.IPv4, 22)).WaitAsync(Connects);
        await EchoAsync(client, "hello");
        var beforeReload = await ConnectionTimeoutAsync(instance, 22);

        // Replacing the filter table must not take the timeout away from live connections (it would fall back to
        // the kernel's 5 days); a packet after the reload refreshes the timer from the connection's own policy.
        Load(instance, tutorial);
        await EchoAsync(client, "again");
        var afterReload = await ConnectionTimeoutAsync(instance, 22);

        Assert.InRange(beforeReload, 900, 910);
        Assert.InRange(afterReload, 900, 910);
    }

    private static InstancePolicy TutorialFor(LabHost instance, LabHost admin)
    {
        var policy = Instance(Group("sg-tutorial",
            Accept("sgr-ssh-admin", IpProtocol.Tcp, "22/22", $"{admin.IPv4}/32", priority: 1),
            Drop("sgr-ssh-world", IpProtocol.Tcp, "22/22", "0.0.0.0/0", priority: 2)));
        return policy with { Nics = [policy.Nics[0] with { DeviceName = instance.InterfaceName, Addresses = [Cidr.Host(instance.IPv4)] }] };
    }

    private static NftRuleset Load(LabHost host, InstancePolicy policy, int setThreshold = 32)
    {
        var ruleset = NftablesCompiler.Compile(EffectivePolicyBuilder.Build(policy), new NftCompileOptions { SetThreshold = setThreshold });
        host.Nft(ruleset.Script);
        return ruleset;
    }

    private static Dictionary<string, long> ReadCounters(LabHost host)
    {
        using var json = host.NftJson("counters table inet palisade");
        return NftCounterReader.Parse(json.RootElement.GetRawText()).ToDictionary(c => c.CounterName, c => c.Packets);
    }

    /// <summary>The seconds left before conntrack forgets the one established connection to <paramref name="port"/>.</summary>
    private static async Task<int> ConnectionTimeoutAsync(LabHost host, int port)
    {
        // While a segment is still unacknowledged (the peer's delayed ACK), conntrack caps the timer at its 300 s
        // "unacknowledged" timeout; read again until the last ACK has passed, for up to two seconds.
        var seconds = 0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var table = (await host.RunAsync("cat", "/proc/net/nf_conntrack")).EnsureSuccess().StandardOutput;
            var line = Assert.Single(table.Split('\n'), l => l.Contains(" tcp ", StringComparison.Ordinal) && l.Contains($"dport={port} ", StringComparison.Ordinal) && l.Contains("ESTABLISHED", StringComparison.Ordinal));
            // "ipv4 2 tcp 6 <seconds left> ESTABLISHED src=..."
            seconds = int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4], System.Globalization.CultureInfo.InvariantCulture);
            if (seconds > 300)
            {
                break;
            }

            await Task.Delay(100);
        }

        return seconds;
    }

    private static async Task<string> EchoAsync(Socket client, string text)
    {
        await client.SendAsync(Encoding.ASCII.GetBytes(text + "\n"));
        var buffer = new byte[256];
        using var deadline = new CancellationTokenSource(Connects);
        var received = await client.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        return Encoding.ASCII.GetString(buffer, 0, received).TrimEnd('\n');
    }

    private static async Task EchoLinesAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
