using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Nftables;
using Palisade.TestSupport.Network;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// <c>nft-kernel</c>: the kernel's cost per packet through our compiled table and through the naive
/// one-rule-per-line chain of the same rules, for a packet whose verdict is the default (see <see cref="UdpBlaster"/>
/// for why timing the sender measures the receiver's netfilter work).
/// </summary>
internal static class NftKernelCommand
{
    private static readonly byte[] Payload = new byte[18];

    public static int Run(string[] args)
    {
        var options = NftBenchmarkOptions.Parse(args, out var error);
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }

        if (!NetworkLab.IsSupported(out var reason))
        {
            Console.Error.WriteLine($"nft-kernel needs root, ip and nft (it works in throw-away network namespaces): {reason}");
            return 2;
        }

        var rounds = options.Quick ? 2 : 5;
        var maxPackets = options.Quick ? 200_000 : 1_000_000;
        var maxTime = TimeSpan.FromSeconds(options.Quick ? 0.25 : 1.5);
        Console.WriteLine($"nft-kernel: {options.Rules:N0} rules, seed {options.Seed}, {rounds} rounds, each run at most {maxPackets:N0} packets or {maxTime.TotalSeconds} s{(options.Quick ? " (--quick)" : "")}");
        Console.WriteLine($"machine: {MachineInfo.Describe()}");

        var policy = SecurityGroupRuleSet.Generate(options.Rules, options.Seed);
        Console.WriteLine($"policy: {PolicyShape.Describe(policy)}");
        var effective = EffectivePolicyBuilder.Build(policy);
        var ours = NftablesCompiler.Compile(effective, options.CompileOptions);
        var naive = NaiveRuleset.Write(effective);
        options.DumpScripts(ours.Script, naive);
        var nic = effective.Nics[0];

        using var lab = NetworkLab.Create("client", "server");
        var (client, server) = (lab["client"], lab["server"]);
        KernelProbe[] probes =
        [
            new("udp IPv4", client.IPv4, server.IPv4, 40000, KernelProbe.Port),
            new("udp IPv6", client.IPv6, server.IPv6, 40000, KernelProbe.Port),
        ];
        foreach (var probe in probes)
        {
            var (entry, index) = probe.DecidingEntry(nic);
            if (entry.Kind != EntryKind.Default)
            {
                throw new InvalidOperationException($"{probe.Name} is decided by entry {index} ({entry.Kind} {entry.SecurityGroupRuleId}), not by the default: pick another probe");
            }

            Console.WriteLine(Invariant($"{probe.Name} {probe.Source} -> {probe.Destination}:{probe.DestinationPort}: decided by the default ({entry.Verdict}), entry {index + 1:N0} of {nic.Ingress.Length:N0}"));
        }

        // The server's sockets are not read during a run: with no table, once their buffers are full the kernel drops
        // there, cheaply, instead of answering every datagram with an ICMP port-unreachable (the lab turns ICMP rate
        // limiting off). Between runs they are drained, so that anything found in them after a table's run got through.
        var sinks = probes.Select(p => Bind(server, p)).ToList();
        var senders = probes.Select(p => Connect(client, p)).ToList();
        try
        {
            foreach (var sender in senders)
            {
                UdpBlaster.Send(sender, Payload, 2_000, TimeSpan.FromSeconds(1));
            }

            (string Name, string Script)[] tables =
            [
                ("no table", "flush ruleset\n"),
                ("ours", "flush ruleset\n" + ours.Script),
                ("naive", "flush ruleset\n" + naive),
            ];
            var results = new KernelResults(tables.Select(t => t.Name).ToArray(), probes.Select(p => p.Name).ToArray());
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (name, script) in tables)
                {
                    NamespaceNft.RunChecked(server, script, "-f", "-");
                    sinks.ForEach(Drain);
                    var line = new List<string>();
                    var sent = 0L;
                    for (var p = 0; p < probes.Length; p++)
                    {
                        var blast = UdpBlaster.Send(senders[p], Payload, maxPackets, maxTime);
                        results.Add(name, probes[p].Name, blast);
                        sent += blast.Packets;
                        line.Add(Invariant($"{probes[p].Name} {blast.Packets:N0} packets, {blast.CpuNanosecondsPerPacket:F0} ns cpu / {blast.WallNanosecondsPerPacket:F0} ns wall per packet"));
                    }

                    if (name != "no table" && sinks.Any(sink => sink.Available > 0))
                    {
                        throw new InvalidOperationException($"probes got through the {name} table: they should all be dropped by the default");
                    }

                    if (name == "ours")
                    {
                        CheckDefaultCounter(server, ours, sent);
                    }

                    Console.WriteLine($"  round {round}/{rounds} {name,-8}: {string.Join("; ", line)}; load {MachineInfo.LoadAverage()}");
                }
            }

            results.Print("no table", "ours", "naive");
        }
        finally
        {
            // The tables go with the lab's namespaces.
            senders.Concat(sinks).ToList().ForEach(s => s.Dispose());
        }

        return 0;
    }

    /// <summary>
    /// Every probe must have reached our table's default and been counted there: otherwise the benchmark would time
    /// a different path than it claims (and the compiler would disagree with the evaluator).
    /// </summary>
    private static void CheckDefaultCounter(LabHost server, NftRuleset ruleset, long sent)
    {
        var counter = ruleset.Counters.Single(c => c.Name == "default-ingress").CounterName;
        var read = NamespaceNft.RunChecked(server, null, "-j", "list", "counter", "inet", ruleset.TableName, counter);
        var packets = NftCounterReader.Parse(read.StandardOutput).Single().Packets;
        if (packets != sent)
        {
            throw new InvalidOperationException($"our table's default counted {packets:N0} packets, {sent:N0} were sent");
        }
    }

    /// <summary>Empties a sink, so that a datagram found in it afterwards must have passed the table under test.</summary>
    private static void Drain(Socket sink)
    {
        var buffer = new byte[2048];
        while (sink.Available > 0)
        {
            sink.Receive(buffer);
        }
    }

    private static Socket Bind(LabHost server, KernelProbe probe)
    {
        var socket = server.CreateSocket(probe.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 4096;
        socket.Bind(new IPEndPoint(probe.Destination, probe.DestinationPort));
        return socket;
    }

    private static Socket Connect(LabHost client, KernelProbe probe)
    {
        var socket = client.CreateSocket(probe.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(probe.Source, probe.SourcePort));
        socket.Connect(new IPEndPoint(probe.Destination, probe.DestinationPort));
        return socket;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
