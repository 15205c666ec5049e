namespace Palisade.Benchmarks.RuleSets;

/// <summary>
/// The statistical shape of a generated rule set, in the terms ClassBench uses to describe its seeds.
/// </summary>
/// <remarks>
/// Source: D. E. Taylor and J. S. Turner, "ClassBench: A Packet Classification Benchmark", IEEE INFOCOM 2005
/// (extended in IEEE/ACM ToN 15(3), 2007). ClassBench derives "parameter files" (seeds) from real filter sets of
/// three kinds — access control lists (acl1–acl5), firewalls (fw1–fw5) and IP chains (ipc1–ipc2) — and records:
/// the protocol distribution (TCP and UDP dominate; ICMP, GRE, ESP and the wildcard appear too); for each
/// protocol, the distribution of port-pair classes, each port being one of WC (wildcard 0:65535), HI (1024:65535),
/// LO (0:1023), AR (an arbitrary range) or EM (an exact port); the joint source/destination prefix-length
/// distribution; and prefix nesting and skew, so that generated addresses share common ancestors the way real
/// networks do. ACL seeds are dominated by exact destination ports with wildcard source ports and long (often /32)
/// destination prefixes; firewall seeds have many wildcard addresses (/0 on one or both sides), wildcard
/// protocols and more port ranges.
///
/// We do not ship or copy the seed files. The weights below are our own round numbers chosen to give the same
/// qualitative shape; addresses nest under a Zipf-weighted pool of /16 "organisations" instead of ClassBench's
/// per-level branching statistics. Port classes map to our port model by starting at 1 instead of 0 (a security
/// group port range is 1..65535) and a wildcard port becomes "1/65535".
/// </remarks>
internal sealed record ClassBenchProfile(
    (int Weight, string Protocol)[] Protocols,
    (int Weight, PortClass Class)[] DestinationPorts,
    (int Weight, PortClass Class)[] SourcePorts,
    (int Weight, int Low, int High)[] SourcePrefixLengths,
    (int Weight, int Low, int High)[] DestinationPrefixLengths,
    int AcceptPercent)
{
    public static ClassBenchProfile For(RuleSetStyle style) => style == RuleSetStyle.Acl ? Acl : Firewall;

    public static ClassBenchProfile Acl { get; } = new(
        Protocols: [(70, "tcp"), (20, "udp"), (5, "icmp"), (4, "all"), (1, "gre")],
        DestinationPorts: [(70, PortClass.ExactMatch), (12, PortClass.Wildcard), (10, PortClass.ArbitraryRange), (5, PortClass.High), (3, PortClass.Low)],
        SourcePorts: [(94, PortClass.Wildcard), (4, PortClass.High), (2, PortClass.ExactMatch)],
        SourcePrefixLengths: [(15, 0, 0), (10, 8, 16), (15, 17, 23), (25, 24, 24), (10, 25, 31), (25, 32, 32)],
        DestinationPrefixLengths: [(5, 0, 0), (10, 16, 23), (25, 24, 24), (15, 25, 31), (45, 32, 32)],
        AcceptPercent: 60);

    public static ClassBenchProfile Firewall { get; } = new(
        Protocols: [(45, "tcp"), (25, "udp"), (25, "all"), (4, "icmp"), (1, "gre")],
        DestinationPorts: [(40, PortClass.Wildcard), (38, PortClass.ExactMatch), (12, PortClass.ArbitraryRange), (7, PortClass.High), (3, PortClass.Low)],
        SourcePorts: [(80, PortClass.Wildcard), (12, PortClass.High), (3, PortClass.ArbitraryRange), (5, PortClass.ExactMatch)],
        SourcePrefixLengths: [(40, 0, 0), (15, 8, 16), (20, 24, 24), (25, 32, 32)],
        DestinationPrefixLengths: [(25, 0, 0), (10, 8, 23), (25, 24, 24), (40, 32, 32)],
        AcceptPercent: 50);
}

/// <summary>ClassBench's port classes.</summary>
internal enum PortClass
{
    /// <summary>WC: every port.</summary>
    Wildcard,

    /// <summary>HI: 1024–65535, the ephemeral ports.</summary>
    High,

    /// <summary>LO: 1–1023, the well-known ports.</summary>
    Low,

    /// <summary>AR: an arbitrary range.</summary>
    ArbitraryRange,

    /// <summary>EM: one exact port.</summary>
    ExactMatch,
}
