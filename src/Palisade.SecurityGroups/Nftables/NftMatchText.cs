using System.Globalization;
using System.Text;
using Palisade.Core;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// How atoms are written in nft syntax: as the match part of a rule, and as the key of a verdict-map element.
/// Everything written here is a number or an address formatted from numbers.
/// </summary>
internal static class NftMatchText
{
    public const string PortProtocolsSet = "{ tcp, udp }";

    public static string FamilyKeyword(IpFamily family) => family == IpFamily.IPv4 ? "ipv4" : "ipv6";

    /// <summary>A block as nft reads it: a bare address for a single host, otherwise address/prefix.</summary>
    public static string Address(Cidr block) =>
        block.IsSingleAddress ? block.NetworkAddress.ToString() : block.ToString();

    public static string Ports(ushort low, ushort high) =>
        low == high ? low.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{low}-{high}");

    /// <summary>A protocol interval as numbers (map elements), e.g. "6", "6-17", "0-255".</summary>
    public static string ProtocolNumbers(byte low, byte high) =>
        low == high ? low.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{low}-{high}");

    /// <summary>
    /// A protocol for a rule: the nft keywords tcp, udp and icmp where they exist, otherwise the number, so the
    /// script does not depend on the machine's /etc/protocols.
    /// </summary>
    public static string ProtocolName(byte protocol) => protocol switch
    {
        IpProtocols.TcpNumber => "tcp",
        IpProtocols.UdpNumber => "udp",
        IpProtocols.IcmpNumber => "icmp",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Appends the match part of a rule for the atom, followed by a space when anything was written.
    /// <paramref name="guarded"/> says the chain already admits only packets of the atom's family and shape.
    /// </summary>
    public static void AppendRuleMatch(StringBuilder text, in MatchAtom atom, bool guarded)
    {
        var ip = atom.Family == IpFamily.IPv4 ? "ip" : "ip6";
        if (!guarded && atom.Source.IsAny && atom.Destination.IsAny)
        {
            // An address match implies the family; without one it must be stated.
            text.Append("meta nfproto ").Append(FamilyKeyword(atom.Family)).Append(' ');
        }

        if (!atom.Source.IsAny)
        {
            text.Append(ip).Append(" saddr ").Append(Address(atom.Source)).Append(' ');
        }

        if (!atom.Destination.IsAny)
        {
            text.Append(ip).Append(" daddr ").Append(Address(atom.Destination)).Append(' ');
        }

        switch (atom.Shape)
        {
            case MatchShape.Ports:
                AppendPortsMatch(text, atom, guarded);
                break;
            case MatchShape.NoPorts:
                var mayBePortProtocol = atom.ProtocolLow <= IpProtocols.UdpNumber && atom.ProtocolHigh >= IpProtocols.TcpNumber;
                if (!guarded && mayBePortProtocol)
                {
                    text.Append("meta l4proto != ").Append(PortProtocolsSet).Append(' ');
                }

                AppendProtocolInterval(text, atom);
                break;
            default:
                AppendProtocolInterval(text, atom);
                break;
        }
    }

    /// <summary>The fields in which the atoms of a layer differ from "everything" (see <see cref="MapFields"/>).</summary>
    public static MapFields UsedFields(IEnumerable<MatchAtom> atoms)
    {
        var fields = MapFields.None;
        foreach (var atom in atoms)
        {
            var allProtocols = atom.Shape == MatchShape.Ports
                ? atom.ProtocolLow == IpProtocols.TcpNumber && atom.ProtocolHigh == IpProtocols.UdpNumber
                : atom.AllProtocols;
            fields |= (allProtocols ? MapFields.None : MapFields.Protocol)
                | (atom.Source.IsAny ? MapFields.None : MapFields.Source)
                | (atom.Destination.IsAny ? MapFields.None : MapFields.Destination)
                | (atom.Shape != MatchShape.Ports || atom.AllSourcePorts ? MapFields.None : MapFields.SourcePort)
                | (atom.Shape != MatchShape.Ports || atom.AllDestinationPorts ? MapFields.None : MapFields.DestinationPort);
        }

        return fields;
    }

    /// <summary>The key type of a verdict map, e.g. "inet_proto . ipv4_addr . inet_service".</summary>
    public static string MapKeyType(IpFamily family, MapFields fields)
    {
        var address = family == IpFamily.IPv4 ? "ipv4_addr" : "ipv6_addr";
        return Join(fields, "inet_proto", address, address, "inet_service", "inet_service");
    }

    /// <summary>The packet expression looked up in a verdict map, e.g. "ip saddr . th dport".</summary>
    public static string MapLookup(IpFamily family, MapFields fields)
    {
        var ip = family == IpFamily.IPv4 ? "ip" : "ip6";
        return Join(fields, "meta l4proto", ip + " saddr", ip + " daddr", "th sport", "th dport");
    }

    /// <summary>Appends the key of the atom's map element, e.g. "6 . 192.0.2.0/24 . 22".</summary>
    public static void AppendMapKey(StringBuilder text, in MatchAtom atom, MapFields fields)
    {
        var first = true;
        if (fields.HasFlag(MapFields.Protocol))
        {
            Part(text, ref first).Append(ProtocolNumbers(atom.ProtocolLow, atom.ProtocolHigh));
        }

        if (fields.HasFlag(MapFields.Source))
        {
            Part(text, ref first).Append(Address(atom.Source));
        }

        if (fields.HasFlag(MapFields.Destination))
        {
            Part(text, ref first).Append(Address(atom.Destination));
        }

        if (fields.HasFlag(MapFields.SourcePort))
        {
            Part(text, ref first).Append(Ports(atom.SourcePortLow, atom.SourcePortHigh));
        }

        if (fields.HasFlag(MapFields.DestinationPort))
        {
            Part(text, ref first).Append(Ports(atom.DestinationPortLow, atom.DestinationPortHigh));
        }
    }

    private static void AppendPortsMatch(StringBuilder text, in MatchAtom atom, bool guarded)
    {
        var both = atom.ProtocolLow != atom.ProtocolHigh;
        if (both || (atom.AllSourcePorts && atom.AllDestinationPorts))
        {
            // "tcp dport 22" implies the protocol; "th dport" (either protocol) and no port match do not.
            if (!both)
            {
                text.Append("meta l4proto ").Append(ProtocolName(atom.ProtocolLow)).Append(' ');
            }
            else if (!guarded)
            {
                text.Append("meta l4proto ").Append(PortProtocolsSet).Append(' ');
            }
        }

        var header = both ? "th" : ProtocolName(atom.ProtocolLow);
        if (!atom.AllSourcePorts)
        {
            text.Append(header).Append(" sport ").Append(Ports(atom.SourcePortLow, atom.SourcePortHigh)).Append(' ');
        }

        if (!atom.AllDestinationPorts)
        {
            text.Append(header).Append(" dport ").Append(Ports(atom.DestinationPortLow, atom.DestinationPortHigh)).Append(' ');
        }
    }

    private static void AppendProtocolInterval(StringBuilder text, in MatchAtom atom)
    {
        if (atom.AllProtocols)
        {
            return;
        }

        text.Append("meta l4proto ")
            .Append(atom.ProtocolLow == atom.ProtocolHigh ? ProtocolName(atom.ProtocolLow) : ProtocolNumbers(atom.ProtocolLow, atom.ProtocolHigh))
            .Append(' ');
    }

    private static StringBuilder Part(StringBuilder text, ref bool first)
    {
        if (!first)
        {
            text.Append(" . ");
        }

        first = false;
        return text;
    }

    private static string Join(MapFields fields, string protocol, string source, string destination, string sourcePort, string destinationPort)
    {
        var parts = new List<string>(5);
        if (fields.HasFlag(MapFields.Protocol))
        {
            parts.Add(protocol);
        }

        if (fields.HasFlag(MapFields.Source))
        {
            parts.Add(source);
        }

        if (fields.HasFlag(MapFields.Destination))
        {
            parts.Add(destination);
        }

        if (fields.HasFlag(MapFields.SourcePort))
        {
            parts.Add(sourcePort);
        }

        if (fields.HasFlag(MapFields.DestinationPort))
        {
            parts.Add(destinationPort);
        }

        return string.Join(" . ", parts);
    }
}
