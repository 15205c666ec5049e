using Palisade.Core;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// Addresses a connection from the internet can come from: globally routable unicast. Exposure analysis counts
/// only these, so access granted to a private network or to group members with private addresses is no risk.
/// </summary>
/// <remarks>
/// Sources: the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates) for blocks that
/// are not globally reachable, RFC 5771 for IPv4 multicast, and RFC 4291 §2.4 for IPv6 global unicast
/// (2000::/3). Simplifications: the few globally reachable anycast addresses inside 192.0.0.0/24 count as not
/// public; blocks inside 2001::/23 other than the benchmarking and documentation ones count as public.
/// </remarks>
public static class PublicAddressSpace
{
    /// <summary>IPv4 blocks that are not globally reachable unicast.</summary>
    public static IReadOnlyList<Cidr> NonPublicIPv4 { get; } =
    [
        Cidr.Parse("0.0.0.0/8"),          // "this network" (RFC 791)
        Cidr.Parse("10.0.0.0/8"),         // private (RFC 1918)
        Cidr.Parse("100.64.0.0/10"),      // shared address space, carrier-grade NAT (RFC 6598)
        Cidr.Parse("127.0.0.0/8"),        // loopback (RFC 1122)
        Cidr.Parse("169.254.0.0/16"),     // link local (RFC 3927)
        Cidr.Parse("172.16.0.0/12"),      // private (RFC 1918)
        Cidr.Parse("192.0.0.0/24"),       // IETF protocol assignments (RFC 6890)
        Cidr.Parse("192.0.2.0/24"),       // TEST-NET-1 documentation (RFC 5737)
        Cidr.Parse("192.168.0.0/16"),     // private (RFC 1918)
        Cidr.Parse("198.18.0.0/15"),      // benchmarking (RFC 2544)
        Cidr.Parse("198.51.100.0/24"),    // TEST-NET-2 documentation (RFC 5737)
        Cidr.Parse("203.0.113.0/24"),     // TEST-NET-3 documentation (RFC 5737)
        Cidr.Parse("224.0.0.0/4"),        // multicast (RFC 5771): never the source of a connection
        Cidr.Parse("240.0.0.0/4"),        // reserved, and the limited broadcast 255.255.255.255 (RFC 1112, RFC 919)
    ];

    /// <summary>IPv6 blocks inside global unicast 2000::/3 that are not globally reachable.</summary>
    public static IReadOnlyList<Cidr> NonPublicIPv6GlobalUnicast { get; } =
    [
        Cidr.Parse("2001:2::/48"),        // benchmarking (RFC 5180)
        Cidr.Parse("2001:db8::/32"),      // documentation (RFC 3849)
        Cidr.Parse("3fff::/20"),          // documentation (RFC 9637)
    ];

    public static AddressRangeSet Addresses { get; } =
        AddressRangeSet.All(IpFamily.IPv4).Except(AddressRangeSet.Of(NonPublicIPv4))
            .Union(AddressRangeSet.Of(Cidr.Parse("2000::/3")).Except(AddressRangeSet.Of(NonPublicIPv6GlobalUnicast)));

    public static bool Contains(IpFamily family, UInt128 address) => Addresses.Contains(family, address);
}
