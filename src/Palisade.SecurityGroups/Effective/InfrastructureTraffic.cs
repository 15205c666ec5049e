using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Effective;

/// <summary>
/// Traffic a cloud never lets a security group break because the network itself needs it: IPv6 neighbour and
/// router discovery, and DHCP/DHCPv6 replies and requests. In a cloud the hypervisor handles these below the
/// security group; on a Linux host they cross the same hooks, so they are accepted ahead of every rule.
/// The evaluator and the nftables compiler both take their definition from here.
/// </summary>
public static class InfrastructureTraffic
{
    /// <summary>ICMPv6 router solicitation (133) to redirect (137).</summary>
    public const int NeighborDiscoveryFirstType = 133;

    public const int NeighborDiscoveryLastType = 137;

    /// <summary>(source port, destination port) of DHCP traffic arriving at a client.</summary>
    public static (int Source, int Destination) DhcpV4Inbound => (67, 68);

    public static (int Source, int Destination) DhcpV6Inbound => (547, 546);

    public static (int Source, int Destination) DhcpV4Outbound => (68, 67);

    public static (int Source, int Destination) DhcpV6Outbound => (546, 547);

    public static bool IsAllowed(in PacketQuery packet)
    {
        if (packet.Protocol == IpProtocols.Icmpv6Number && packet.Family == IpFamily.IPv6)
        {
            return packet.IcmpType is >= NeighborDiscoveryFirstType and <= NeighborDiscoveryLastType;
        }

        if (packet.Protocol != IpProtocols.UdpNumber)
        {
            return false;
        }

        var (source, destination) = (packet.Family, packet.Direction) switch
        {
            (IpFamily.IPv4, Direction.Ingress) => DhcpV4Inbound,
            (IpFamily.IPv4, Direction.Egress) => DhcpV4Outbound,
            (IpFamily.IPv6, Direction.Ingress) => DhcpV6Inbound,
            _ => DhcpV6Outbound,
        };
        return packet.SourcePort == source && packet.DestinationPort == destination;
    }
}
