using System.Net;

namespace Palisade.TestSupport.Network;

/// <summary>The only address ranges lab traffic may use (guide/testing.md).</summary>
public static class LabAddresses
{
    /// <summary>198.18.0.0/15, the IPv4 benchmarking range (RFC 2544).</summary>
    public static readonly IPNetwork IPv4Benchmarking = IPNetwork.Parse("198.18.0.0/15");

    /// <summary>2001:2::/48, the IPv6 benchmarking range (RFC 5180).</summary>
    public static readonly IPNetwork IPv6Benchmarking = IPNetwork.Parse("2001:2::/48");

    public static bool IsBenchmarking(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return IPv4Benchmarking.Contains(address) || IPv6Benchmarking.Contains(address);
    }
}
