namespace Palisade.Core;

/// <summary>The protocols a security group rule can name. "all" matches every IP protocol.</summary>
public enum IpProtocol
{
    Tcp,
    Udp,
    Icmp,
    Icmpv6,
    Gre,
    All,
}

/// <summary>Names and numbers of <see cref="IpProtocol"/>: case-insensitive in, canonical lowercase out.</summary>
public static class IpProtocols
{
    public const byte TcpNumber = 6;
    public const byte UdpNumber = 17;
    public const byte IcmpNumber = 1;
    public const byte Icmpv6Number = 58;
    public const byte GreNumber = 47;

    public static IReadOnlyList<string> CanonicalNames { get; } = ["tcp", "udp", "icmp", "icmpv6", "gre", "all"];

    public static bool TryParse(string? text, out IpProtocol protocol)
    {
        protocol = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "tcp": protocol = IpProtocol.Tcp; return true;
            case "udp": protocol = IpProtocol.Udp; return true;
            case "icmp": protocol = IpProtocol.Icmp; return true;
            case "icmpv6": protocol = IpProtocol.Icmpv6; return true;
            case "gre": protocol = IpProtocol.Gre; return true;
            case "all": protocol = IpProtocol.All; return true;
            default: return false;
        }
    }

    public static string ToCanonical(this IpProtocol protocol) => protocol switch
    {
        IpProtocol.Tcp => "tcp",
        IpProtocol.Udp => "udp",
        IpProtocol.Icmp => "icmp",
        IpProtocol.Icmpv6 => "icmpv6",
        IpProtocol.Gre => "gre",
        IpProtocol.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    /// <summary>True for the protocols whose rules carry real port ranges.</summary>
    public static bool HasPorts(this IpProtocol protocol) => protocol is IpProtocol.Tcp or IpProtocol.Udp;

    /// <summary>True for IP protocol numbers whose packets carry ports (TCP and UDP).</summary>
    public static bool HasPorts(byte protocolNumber) => protocolNumber is TcpNumber or UdpNumber;

    public static string NameOf(byte protocolNumber) => protocolNumber switch
    {
        TcpNumber => "tcp",
        UdpNumber => "udp",
        IcmpNumber => "icmp",
        Icmpv6Number => "icmpv6",
        GreNumber => "gre",
        _ => protocolNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
