using System.Globalization;
using Palisade.Contracts.SecurityGroups;

namespace Palisade.Server.Console;

/// <summary>
/// How the console words the API's values: the labels a cloud console user knows (Allow/Deny, ICMP(IPv4), Basic)
/// for the canonical names the API stores (accept/drop, icmp, normal).
/// </summary>
internal static class ConsoleText
{
    /// <summary>The choices of the "Protocol Type" field: API value and label.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Protocols =
    [
        ("tcp", "TCP"),
        ("udp", "UDP"),
        ("icmp", "ICMP(IPv4)"),
        ("icmpv6", "ICMPv6"),
        ("gre", "GRE"),
        ("all", "All"),
    ];

    /// <summary>The choices of the "Authorization Type" field: which API field the authorization object goes to.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> AuthorizationTypes =
    [
        (RuleDialogInput.Ipv4Cidr, "IPv4 CIDR block"),
        (RuleDialogInput.Ipv6Cidr, "IPv6 CIDR block"),
        (RuleDialogInput.SecurityGroup, "Security group"),
        (RuleDialogInput.PrefixList, "Prefix list"),
    ];

    public static string Action(string? policy) =>
        string.Equals(policy, "drop", StringComparison.OrdinalIgnoreCase) ? "Deny" : "Allow";

    public static string Protocol(string? protocol) =>
        Protocols.FirstOrDefault(p => string.Equals(p.Value, protocol, StringComparison.OrdinalIgnoreCase)).Label ?? protocol ?? "";

    public static string GroupType(string? type) =>
        string.Equals(type, "enterprise", StringComparison.OrdinalIgnoreCase) ? "Enterprise" : "Basic";

    /// <summary>API times (ISO 8601, UTC) as "2026-11-29 14:03:07 UTC"; empty for none.</summary>
    public static string Time(string? apiTime) =>
        DateTimeOffset.TryParse(apiTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : apiTime ?? "";

    /// <summary>The far end of a rule (the source of an ingress rule, the destination of an egress one) and its kind.</summary>
    public static (string Kind, string Value) AuthorizationObject(Permission rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var ingress = string.Equals(rule.Direction, "ingress", StringComparison.OrdinalIgnoreCase);
        (string Kind, string? Value)[] candidates = ingress
            ? [("IPv4 CIDR block", rule.SourceCidrIp), ("IPv6 CIDR block", rule.Ipv6SourceCidrIp), ("Security group", rule.SourceGroupId), ("Prefix list", rule.SourcePrefixListId)]
            : [("IPv4 CIDR block", rule.DestCidrIp), ("IPv6 CIDR block", rule.Ipv6DestCidrIp), ("Security group", rule.DestGroupId), ("Prefix list", rule.DestPrefixListId)];
        var found = candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c.Value));
        return (found.Kind ?? "", found.Value ?? "");
    }

    /// <summary>The instance-side block an ingress rule narrows its destination to (or an egress rule its source), if any.</summary>
    public static string? LocalSide(Permission rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var ingress = string.Equals(rule.Direction, "ingress", StringComparison.OrdinalIgnoreCase);
        return ingress ? rule.DestCidrIp ?? rule.Ipv6DestCidrIp : rule.SourceCidrIp ?? rule.Ipv6SourceCidrIp;
    }
}
