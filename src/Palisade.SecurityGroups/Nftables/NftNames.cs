using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// Names of the counters, chains and maps of a compiled ruleset. Everything that ends up in the script is either
/// one of these generated identifiers or a number/address the compiler formatted itself: no string from a user
/// (descriptions, names) is ever written into the script.
/// </summary>
internal static class NftNames
{
    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static readonly SearchValues<char> DeviceCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._");

    /// <summary>Longest rule id kept readable in a counter name; nft object names may have up to 255 bytes.</summary>
    private const int MaxReadableIdLength = 128;

    /// <summary>
    /// The counter of a rule. Ids made of letters, digits and '-' (every id the server issues) become "r_" + id,
    /// an nft identifier that no keyword can equal; anything else becomes "rx_" + a SHA-256 prefix of the id, so
    /// the mapping stays one-to-one and the id never reaches the script.
    /// </summary>
    public static string RuleCounter(string securityGroupRuleId)
    {
        if (securityGroupRuleId.Length is > 0 and <= MaxReadableIdLength
            && !securityGroupRuleId.AsSpan().ContainsAnyExcept(IdCharacters))
        {
            return "r_" + securityGroupRuleId;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(securityGroupRuleId));
        return "rx_" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    /// <summary>"nic0_in", "nic1_out": the prefix of every chain, map and counter of one NIC and direction.</summary>
    public static string NicPrefix(int nicIndex, Direction direction) =>
        $"nic{nicIndex}_{(direction == Direction.Ingress ? "in" : "out")}";

    /// <summary>The counter and its public name for entries that are not rules, one per NIC and direction.</summary>
    public static (string CounterName, string Name) KindCounter(string nicPrefix, EntryKind kind, Direction direction) => kind switch
    {
        EntryKind.Management => (nicPrefix + "_management", "management"),
        EntryKind.ControlPlane => (nicPrefix + "_control_plane", "control-plane"),
        EntryKind.IntraGroup => (nicPrefix + "_intra_group", "intra-group"),
        EntryKind.Default => (nicPrefix + "_default", direction == Direction.Ingress ? "default-ingress" : "default-egress"),
        _ => (nicPrefix + "_rule", "rule"),
    };

    /// <summary>
    /// True when nftables can match the device name exactly: 1–15 characters (IFNAMSIZ) of letters, digits, '.',
    /// '-' and '_'. Quotes or backslashes could break out of the string, and a trailing '*' would be a wildcard.
    /// </summary>
    public static bool IsMatchableDeviceName(string? deviceName) =>
        deviceName is { Length: > 0 and <= 15 } && !deviceName.AsSpan().ContainsAnyExcept(DeviceCharacters);
}
