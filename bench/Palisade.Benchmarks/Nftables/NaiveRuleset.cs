using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// The peer side of the nftables benchmarks: the same effective policy written the way a simple tool (or an
/// iptables-save translation) writes it — one rule per line in evaluation order, each with an anonymous counter,
/// <c>ip saddr X tcp dport Y counter accept</c> — loaded atomically with the same delete-and-recreate transaction.
/// </summary>
/// <remarks>
/// Written independently of the compiler's text helpers, so that the peer does not inherit our choices. It keeps
/// the same stateful preamble (established/related accepted, invalid dropped, loopback, neighbour discovery, DHCP)
/// so that both sides differ only in how the rules are matched; anonymous counters because that is what the naive
/// form uses (one named counter per line would only make it slower to load).
/// </remarks>
internal static class NaiveRuleset
{
    public const string TableName = "naive";

    public static string Write(EffectivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var text = new StringBuilder();
        text.Append("table inet ").Append(TableName).Append(" {}\n")
            .Append("delete table inet ").Append(TableName).Append('\n')
            .Append("table inet ").Append(TableName).Append(" {\n");
        var input = new List<string>
        {
            "ct state established,related accept",
            "ct state invalid drop",
            "iif \"lo\" accept",
            "meta nfproto ipv6 icmpv6 type 133-137 accept",
            "meta nfproto ipv4 udp sport 67 udp dport 68 accept",
            "meta nfproto ipv6 udp sport 547 udp dport 546 accept",
        };
        var output = new List<string>
        {
            "ct state established,related accept",
            "oif \"lo\" accept",
            "meta nfproto ipv6 icmpv6 type 133-137 accept",
            "meta nfproto ipv4 udp sport 68 udp dport 67 accept",
            "meta nfproto ipv6 udp sport 546 udp dport 547 accept",
        };
        var chains = new StringBuilder();
        for (var i = 0; i < policy.Nics.Length; i++)
        {
            var nic = policy.Nics[i];
            var device = nic.Nic.DeviceName;
            if (!nic.IsProtected)
            {
                input.Add($"iifname \"{device}\" accept");
                output.Add($"oifname \"{device}\" accept");
                continue;
            }

            input.Add($"iifname \"{device}\" jump nic{i}_in");
            output.Add($"oifname \"{device}\" jump nic{i}_out");
            WriteChain(chains, $"nic{i}_in", null, Lines(nic.Ingress));
            WriteChain(chains, $"nic{i}_out", null, Lines(nic.Egress));
        }

        WriteChain(text, "input", "type filter hook input priority filter; policy accept;", input);
        WriteChain(text, "output", "type filter hook output priority filter; policy accept;", output);
        text.Append(chains).Append("}\n");
        return text.ToString();
    }

    /// <summary>One line per entry, then a drop: the entry list ends with its defaults, so the drop is never reached in practice.</summary>
    private static List<string> Lines(ImmutableArray<PolicyEntry> entries)
    {
        var lines = new List<string>(entries.Length + 1);
        foreach (var entry in entries)
        {
            lines.Add(Line(entry));
        }

        lines.Add("drop");
        return lines;
    }

    private static string Line(PolicyEntry entry)
    {
        var line = new StringBuilder();
        var ip = entry.Family == IpFamily.IPv4 ? "ip" : "ip6";
        if (entry.Source.IsAny && entry.Destination.IsAny)
        {
            line.Append("meta nfproto ").Append(entry.Family == IpFamily.IPv4 ? "ipv4" : "ipv6").Append(' ');
        }

        if (!entry.Source.IsAny)
        {
            line.Append(ip).Append(" saddr ").Append(Address(entry.Source)).Append(' ');
        }

        if (!entry.Destination.IsAny)
        {
            line.Append(ip).Append(" daddr ").Append(Address(entry.Destination)).Append(' ');
        }

        var allPorts = entry.AllSourcePorts && entry.AllDestinationPorts;
        if (entry.ProtocolLow == entry.ProtocolHigh && entry.ProtocolLow is IpProtocols.TcpNumber or IpProtocols.UdpNumber)
        {
            var header = entry.ProtocolLow == IpProtocols.TcpNumber ? "tcp" : "udp";
            if (allPorts)
            {
                line.Append("meta l4proto ").Append(header).Append(' ');
            }

            if (!entry.AllSourcePorts)
            {
                line.Append(header).Append(" sport ").Append(Ports(entry.SourcePortLow, entry.SourcePortHigh)).Append(' ');
            }

            if (!entry.AllDestinationPorts)
            {
                line.Append(header).Append(" dport ").Append(Ports(entry.DestinationPortLow, entry.DestinationPortHigh)).Append(' ');
            }
        }
        else if (!allPorts)
        {
            // The effective-policy builder gives port ranges only to tcp and udp entries.
            throw new NotSupportedException($"The naive writer has no form for entry {entry}: port ranges on protocols {entry.ProtocolLow}-{entry.ProtocolHigh}.");
        }
        else if (!entry.AllProtocols)
        {
            line.Append("meta l4proto ").Append(Ports(entry.ProtocolLow, entry.ProtocolHigh)).Append(' ');
        }

        return line.Append("counter ").Append(entry.Verdict == Verdict.Accept ? "accept" : "drop").ToString();
    }

    private static string Address(Cidr block) => block.IsSingleAddress ? block.NetworkAddress.ToString() : block.ToString();

    private static string Ports(int low, int high) =>
        low == high ? low.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{low}-{high}");

    private static void WriteChain(StringBuilder text, string name, string? hook, List<string> rules)
    {
        text.Append("\tchain ").Append(name).Append(" {\n");
        if (hook is not null)
        {
            text.Append("\t\t").Append(hook).Append('\n');
        }

        foreach (var rule in rules)
        {
            text.Append("\t\t").Append(rule).Append('\n');
        }

        text.Append("\t}\n");
    }
}
