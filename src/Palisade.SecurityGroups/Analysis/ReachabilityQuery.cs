using System.Net;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// "Who can reach tcp/22 on this NIC?" (ingress) or "which destinations can the instance reach on udp/53?"
/// (egress): new connections of one IP protocol to one destination port. The peer — the source of an ingress
/// connection, the destination of an egress one — is what the analysis enumerates; the source port is left free.
/// </summary>
public sealed record ReachabilityQuery
{
    public Direction Direction { get; init; } = Direction.Ingress;

    /// <summary>The IP protocol number (6 tcp, 17 udp, 1 icmp, 58 icmpv6, 47 gre, or any other).</summary>
    public required byte Protocol { get; init; }

    /// <summary>The destination port; required for tcp and udp, ignored for protocols without ports.</summary>
    public int? Port { get; init; }

    /// <summary>
    /// The instance-side address (the destination of an ingress connection, the source of an egress one). When
    /// given, only its family is analysed. When null, each family uses the NIC's first address of that family; a
    /// family the NIC has no address of is analysed with an unknown local address, which only entries that do not
    /// narrow the instance side can match.
    /// </summary>
    public IPAddress? LocalAddress { get; init; }
}
