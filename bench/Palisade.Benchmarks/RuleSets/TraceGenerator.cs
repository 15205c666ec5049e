using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.Benchmarks.RuleSets;

/// <summary>
/// Packet headers to classify against a generated rule set, in the manner of ClassBench's trace generator
/// (Taylor &amp; Turner 2005, section VI): most headers are drawn from a randomly chosen rule so that they hit it
/// (each field a random point of the rule's range, half the time one of its ends, which is where classifiers break);
/// the rest are uniformly random. ClassBench can also repeat headers with Pareto-distributed burst lengths to model
/// locality of reference; we do not, so the benchmark sees the harder, cache-unfriendly case.
/// </summary>
internal static class TraceGenerator
{
    private static readonly byte[] OtherProtocols = [IpProtocols.TcpNumber, IpProtocols.UdpNumber, IpProtocols.IcmpNumber, IpProtocols.GreNumber, 50, 132];

    public static PacketQuery[] Generate(InstancePolicy policy, int count, int seed, int randomPercent = 5)
    {
        var random = new Random(seed);
        var rules = policy.SecurityGroups.SelectMany(g => g.Rules).Where(r => r.Direction == Direction.Ingress).ToArray();
        var trace = new PacketQuery[count];
        for (var i = 0; i < count; i++)
        {
            trace[i] = rules.Length == 0 || random.Next(100) < randomPercent
                ? RandomHeader(random)
                : HeaderInside(random, rules[random.Next(rules.Length)]);
        }

        return trace;
    }

    private static PacketQuery RandomHeader(Random random)
    {
        var protocol = OtherProtocols[random.Next(OtherProtocols.Length)];
        var ports = IpProtocols.HasPorts(protocol);
        return new PacketQuery(
            Direction.Ingress, IpFamily.IPv4, protocol, (uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32),
            ports ? (ushort)random.Next(1, 65536) : (ushort)0, ports ? (ushort)random.Next(1, 65536) : (ushort)0,
            ClassBenchRuleSetGenerator.DeviceName);
    }

    private static PacketQuery HeaderInside(Random random, SecurityGroupRule rule)
    {
        var protocol = rule.IpProtocol switch
        {
            IpProtocol.Tcp => IpProtocols.TcpNumber,
            IpProtocol.Udp => IpProtocols.UdpNumber,
            IpProtocol.Icmp => IpProtocols.IcmpNumber,
            IpProtocol.Icmpv6 => IpProtocols.Icmpv6Number,
            IpProtocol.Gre => IpProtocols.GreNumber,
            _ => OtherProtocols[random.Next(OtherProtocols.Length)],
        };
        var ports = IpProtocols.HasPorts(protocol);
        var source = PointIn(random, rule.Peer.Cidr ?? Cidr.AnyIPv4);
        var destination = PointIn(random, rule.LocalCidr ?? Cidr.AnyIPv4);
        var destinationPort = rule.IpProtocol.HasPorts() ? PointIn(random, rule.PortRange) : (ushort)random.Next(1, 65536);
        var sourcePort = rule.SourcePortRange is { } range ? PointIn(random, range) : (ushort)random.Next(1, 65536);
        return new PacketQuery(
            Direction.Ingress, IpFamily.IPv4, protocol, source, destination,
            ports ? sourcePort : (ushort)0, ports ? destinationPort : (ushort)0, ClassBenchRuleSetGenerator.DeviceName);
    }

    private static UInt128 PointIn(Random random, Cidr block) => random.Next(4) switch
    {
        0 => block.Network,
        1 => block.Last,
        _ => block.Network + (UInt128)(ulong)random.NextInt64(0, (long)(ulong)(block.Last - block.Network) + 1),
    };

    private static ushort PointIn(Random random, PortRange range) => random.Next(4) switch
    {
        0 => range.Low,
        1 => range.High,
        _ => (ushort)random.Next(range.Low, range.High + 1),
    };
}
