using System.Diagnostics;
using System.Net;
using Palisade.TestSupport.Network;
using Palisade.TestSupport.Packets;
using Xunit.Abstractions;

namespace Palisade.TestSupport.Tests;

public sealed class NftWitnessTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [NetworkFact]
    public async Task Witness_DropRuleForOnePort_SeesExactlyTheAcceptedProbes()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        b.Nft("""
            table inet fw {
              chain in {
                type filter hook input priority 0; policy accept;
                tcp dport 81 drop
                udp dport 81 drop
                icmp id 81 drop
                icmpv6 id 81 drop
              }
            }
            """);
        using var witness = NftWitness.Install(b);
        using var injector = PacketInjector.OnLink(a, b);
        var probes = new List<(byte[] Packet, bool ShouldPass)>();
        for (var i = 0; i < 25; i++)
        {
            foreach (var ipv6 in new[] { false, true })
            {
                var source = ipv6 ? IPAddress.Parse($"2001:2:0:1::{i + 1:x}") : IPAddress.Parse($"198.19.1.{i + 1}");
                var destination = ipv6 ? b.IPv6 : b.IPv4;
                foreach (var port in new ushort[] { 80, 81 })
                {
                    var sourcePort = (ushort)(20000 + i);
                    probes.Add((PacketCrafter.TcpSyn(source, sourcePort, destination, port), port == 80));
                    probes.Add((PacketCrafter.Udp(source, sourcePort, destination, port), port == 80));
                    probes.Add((ipv6 ? PacketCrafter.Icmpv6EchoRequest(source, destination, port) : PacketCrafter.IcmpEchoRequest(source, destination, port), port == 80));
                }
            }
        }

        var report = await witness.ProbeAsync(injector, [.. probes.Select(p => p.Packet)], Generous);

        var keys = probes.Select(p => PacketKey.FromPacket(p.Packet)).ToArray();
        Assert.Empty(report.Missing(keys));
        var wrong = probes.Where(p => report.JudgeIngress(PacketKey.FromPacket(p.Packet)) != (p.ShouldPass ? ProbeVerdict.Accepted : ProbeVerdict.Dropped))
            .Select(p => PacketCrafter.Describe(p.Packet)).ToArray();
        Assert.Empty(wrong);
        Assert.Equal(probes.Count(p => p.ShouldPass), report.Accepted.Count);
        // DropAfterRecording: the host answered nothing.
        Assert.Empty(report.Emitted);
    }

    [NetworkFact]
    public async Task Witness_FiveThousandSpoofedProbes_AreSentAndJudgedInSeconds()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        // Drop every source in the lower half of 198.19.0.0/16.
        b.Nft("table inet fw { chain in { type filter hook input priority 0; ip saddr 198.19.0.0/17 drop; }; }");
        using var witness = NftWitness.Install(b);
        using var injector = PacketInjector.OnLink(a, b);
        var probes = Enumerable.Range(0, 5000)
            .Select(i => PacketCrafter.TcpSyn(IPAddress.Parse($"198.19.{(i * 53) % 256}.{(i % 250) + 1}"), (ushort)(10000 + i), b.IPv4, 443))
            .ToArray();
        var keys = probes.Select(p => PacketKey.FromPacket(p)).ToArray();
        var clock = Stopwatch.StartNew();

        var report = await witness.ProbeAsync(injector, probes, Generous);

        output.WriteLine($"5000 probes judged in {clock.Elapsed.TotalMilliseconds:F0} ms; {report}; re-sent {report.Arrived.Values.Count(n => n > 1)}");
        Assert.Empty(report.Missing(keys));
        foreach (var key in keys)
        {
            var expected = key.Source.GetAddressBytes()[2] < 128 ? ProbeVerdict.Dropped : ProbeVerdict.Accepted;
            Assert.Equal(expected, report.JudgeIngress(key));
        }
    }

    [NetworkFact]
    public async Task Witness_EgressThroughStack_SeesWhatTheOutputRulesLetOut()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        a.Nft("""
            table inet egress {
              chain out {
                type filter hook output priority 0; policy accept;
                ip daddr 198.18.0.2 tcp dport 25 drop
                ip6 daddr 2001:2::2 udp dport 25 drop
              }
            }
            """);
        using var witness = NftWitness.Install(a);
        using var injector = PacketInjector.ThroughStack(a);
        var allowed = new[]
        {
            PacketCrafter.TcpSyn(IPAddress.Parse("198.18.0.99"), 30000, b.IPv4, 587),
            PacketCrafter.Udp(IPAddress.Parse("2001:2::99"), 30000, b.IPv6, 587),
            PacketCrafter.Udp(IPAddress.Parse("198.18.0.99"), 30001, b.IPv4, 25),
        };
        var blocked = new[]
        {
            PacketCrafter.TcpSyn(IPAddress.Parse("198.18.0.99"), 30002, b.IPv4, 25),
            PacketCrafter.Udp(IPAddress.Parse("2001:2::99"), 30002, b.IPv6, 25),
        };

        // Every Send reports a netfilter drop: the witness itself drops what it recorded (DropAfterRecording), so
        // nothing leaves the host and only the report tells the two cases apart.
        Assert.Equal(0, injector.SendAll([.. allowed, .. blocked]));
        Assert.Equal(5, injector.RejectedCount);

        var report = await witness.ReadSeenAsync();
        Assert.All(allowed, p => Assert.Equal(ProbeVerdict.Accepted, report.JudgeEgress(PacketKey.FromPacket(p))));
        Assert.All(blocked, p => Assert.Equal(ProbeVerdict.Dropped, report.JudgeEgress(PacketKey.FromPacket(p))));
    }

    [NetworkFact]
    public async Task Witness_RepeatedProbe_IsCountedAndResetForgetsIt()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var witness = NftWitness.Install(b);
        using var injector = PacketInjector.OnLink(a, b);
        var probe = PacketCrafter.Udp(a.IPv4, 30000, b.IPv4, 53);
        var key = PacketKey.FromPacket(probe);

        for (var i = 0; i < 3; i++)
        {
            injector.Send(probe);
        }

        var report = await witness.WaitForArrivalsAsync([key], Generous);
        Assert.Equal(3, report.Arrived[key]);
        Assert.Equal(3, report.Accepted[key]);

        witness.Reset();

        Assert.Empty(witness.ReadSeen().Arrived);
    }

    [NetworkFact]
    public async Task Witness_WithMatch_LeavesOtherTrafficAlone()
    {
        using var lab = NetworkLab.Create("a", "b");
        var (a, b) = (lab["a"], lab["b"]);
        using var server = b.ListenTcp(0);
        using var witness = NftWitness.Install(b, new NftWitnessOptions { Match = "ip saddr 198.19.0.0/16" });
        using var injector = PacketInjector.OnLink(a, b);
        var probe = PacketCrafter.TcpSyn(IPAddress.Parse("198.19.0.1"), 30000, b.IPv4, (ushort)server.Port);

        injector.Send(probe);

        // Real traffic from 198.18.0.1 (and all IPv6) is neither recorded nor dropped.
        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(b.IPv4, server.Port, Generous));
        Assert.Equal(TcpProbeResult.Connected, await a.TcpConnectAsync(b.IPv6, server.Port, Generous));
        var report = await witness.WaitForArrivalsAsync([PacketKey.FromPacket(probe)], Generous);
        Assert.Equal(ProbeVerdict.Accepted, report.JudgeIngress(PacketKey.FromPacket(probe)));
        Assert.Single(report.Accepted);
        Assert.Equal(2, server.AcceptedCount);
    }

    [Fact]
    public void BuildScript_Defaults_UseDocumentedHooksAndPriorities()
    {
        var script = NftWitness.BuildScript("eth0", new NftWitnessOptions());

        Assert.Contains("type filter hook ingress device \"eth0\" priority -2147483648", script, StringComparison.Ordinal);
        Assert.Contains("type filter hook input priority 1000", script, StringComparison.Ordinal);
        Assert.Contains("type filter hook postrouting priority 1000", script, StringComparison.Ordinal);
        Assert.Contains("th sport . th dport } drop", script, StringComparison.Ordinal);
        Assert.StartsWith("table netdev palisade_witness {}\ndelete table netdev palisade_witness\n", script, StringComparison.Ordinal);
    }
}
