namespace Palisade.Core;

/// <summary>The address family of an address, a CIDR block or a rule.</summary>
public enum IpFamily
{
    IPv4 = 4,
    IPv6 = 6,
}
