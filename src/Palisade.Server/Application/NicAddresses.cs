using System.Globalization;
using System.Net;
using Palisade.Core;

namespace Palisade.Server.Application;

/// <summary>
/// A NIC's addresses as the agent reports them, with their prefix length ("198.18.0.10/24"). Stored as one
/// space-separated column; the policy needs only the host addresses, the console also the prefix.
/// </summary>
internal static class NicAddresses
{
    public const int MaxPerNic = 64;

    /// <summary>Parses "address/prefix" (or a bare address); null when it is not an interface address.</summary>
    public static (IPAddress Address, int PrefixLength)? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return null;
        }

        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (addressText.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(addressText, out var address)
            || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (slash >= 0 && (!int.TryParse(trimmed.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
        {
            return null;
        }

        return (address, prefix);
    }

    public static string Format(IPAddress address, int prefixLength) =>
        string.Create(CultureInfo.InvariantCulture, $"{address}/{prefixLength}");

    public static IReadOnlyList<string> Split(string stored) =>
        stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The NIC's addresses as single-host blocks, which is what rules and group membership match.</summary>
    public static IEnumerable<Cidr> HostBlocks(string stored)
    {
        foreach (var text in Split(stored))
        {
            if (TryParse(text) is { } parsed)
            {
                yield return Cidr.Host(parsed.Address);
            }
        }
    }

    public static IEnumerable<IPAddress> Addresses(string stored)
    {
        foreach (var text in Split(stored))
        {
            if (TryParse(text) is { } parsed)
            {
                yield return parsed.Address;
            }
        }
    }
}
