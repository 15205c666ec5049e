using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Palisade.Agent.Inventory;

/// <summary>
/// Reads the JSON of iproute2: <c>ip -j addr show</c> for NICs and addresses, and <c>ip -j route show default</c>
/// (IPv4 and IPv6) to find the primary NIC. Pure: the caller runs the commands.
/// </summary>
/// <remarks>
/// Link-local addresses (fe80::/10, 169.254.0.0/16) are left out: the server could not route to them and rules
/// never name them. Neighbour discovery keeps working because the compiled ruleset accepts ND ahead of every rule.
/// </remarks>
internal static class IpAddrParser
{
    /// <summary>The inventory; throws <see cref="FormatException"/> when the text is not iproute2's JSON.</summary>
    public static HostInventory Parse(string addrJson, params string?[] defaultRouteJsons)
    {
        ArgumentNullException.ThrowIfNull(addrJson);
        var primary = DefaultRouteDevice(defaultRouteJsons);
        var nics = new List<NicInventory>();
        try
        {
            using var document = JsonDocument.Parse(addrJson);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("`ip -j addr show` did not print a JSON array.");
            }

            foreach (var link in document.RootElement.EnumerateArray())
            {
                if (ReadNic(link) is { } nic)
                {
                    nics.Add(nic);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException($"`ip -j addr show` printed text that is not JSON: {ex.Message}", ex);
        }

        var ordered = nics
            .OrderBy(n => string.Equals(n.DeviceName, primary, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(n => n.InterfaceIndex)
            .ThenBy(n => n.DeviceName, StringComparer.Ordinal)
            .ToImmutableArray();
        return new HostInventory(ordered);
    }

    private static NicInventory? ReadNic(JsonElement link)
    {
        if (link.ValueKind != JsonValueKind.Object || String(link, "ifname") is not { Length: > 0 } name)
        {
            return null;
        }

        if (name == "lo" || String(link, "link_type") == "loopback")
        {
            return null;
        }

        var index = link.TryGetProperty("ifindex", out var ifindex) && ifindex.TryGetInt32(out var i) ? i : int.MaxValue;
        var mac = String(link, "address") ?? "";
        var addresses = new List<string>();
        if (link.TryGetProperty("addr_info", out var infos) && infos.ValueKind == JsonValueKind.Array)
        {
            foreach (var info in infos.EnumerateArray())
            {
                if (ReadAddress(info) is { } address && !addresses.Contains(address))
                {
                    addresses.Add(address);
                }
            }
        }

        return new NicInventory(name, mac.ToLowerInvariant(), index, [.. addresses]);
    }

    private static string? ReadAddress(JsonElement info)
    {
        if (info.ValueKind != JsonValueKind.Object
            || String(info, "family") is not ("inet" or "inet6")
            || !IPAddress.TryParse(String(info, "local"), out var address)
            || !info.TryGetProperty("prefixlen", out var prefix) || !prefix.TryGetInt32(out var prefixLength))
        {
            return null;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixLength < 0 || prefixLength > maxPrefix || IsLinkLocal(address) || IPAddress.IsLoopback(address))
        {
            return null;
        }

        // An address whose duplicate detection failed is not usable by the host.
        if (info.TryGetProperty("dadfailed", out var failed) && failed.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        return $"{address}/{prefixLength}";
    }

    private static bool IsLinkLocal(IPAddress address) =>
        address.IsIPv6LinkLocal
        || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, _, _]);

    private static string? DefaultRouteDevice(string?[] routeJsons)
    {
        foreach (var json in routeJsons)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                var best = document.RootElement.EnumerateArray()
                    .Where(r => r.ValueKind == JsonValueKind.Object && String(r, "dev") is { Length: > 0 })
                    .Select(r => (Device: String(r, "dev")!, Metric: r.TryGetProperty("metric", out var m) && m.TryGetInt64(out var v) ? v : 0))
                    .OrderBy(r => r.Metric)
                    .FirstOrDefault();
                if (best.Device is not null)
                {
                    return best.Device;
                }
            }
            catch (JsonException)
            {
                // A route listing we cannot read only costs the ordering; fall back to interface order.
            }
        }

        return null;
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
