using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Validation;

/// <summary>
/// Which fields of a draft name the rule's far end (peer) and which its instance side, by direction: an ingress
/// rule's peer is its source, an egress rule's peer its destination.
/// </summary>
internal sealed record RuleSides(
    Direction Direction,
    IReadOnlyList<(string Name, string? Value)> PeerFields,
    IReadOnlyList<(string Name, string? Value)> LocalFields,
    IReadOnlyList<(string Name, string? Value)> ForbiddenFields,
    string GroupField,
    string PrefixListField,
    string PeerDescription,
    string MissingPeerCode)
{
    public static RuleSides For(RuleDraft draft) => draft.Direction == Direction.Ingress
        ? new RuleSides(
            Direction.Ingress,
            [("SourceCidrIp", draft.SourceCidrIp), ("Ipv6SourceCidrIp", draft.Ipv6SourceCidrIp),
             ("SourceGroupId", draft.SourceGroupId), ("SourcePrefixListId", draft.SourcePrefixListId)],
            [("DestCidrIp", draft.DestCidrIp), ("Ipv6DestCidrIp", draft.Ipv6DestCidrIp)],
            [("DestGroupId", draft.DestGroupId), ("DestPrefixListId", draft.DestPrefixListId)],
            "SourceGroupId", "SourcePrefixListId", "source", ErrorCodes.MissingSource)
        : new RuleSides(
            Direction.Egress,
            [("DestCidrIp", draft.DestCidrIp), ("Ipv6DestCidrIp", draft.Ipv6DestCidrIp),
             ("DestGroupId", draft.DestGroupId), ("DestPrefixListId", draft.DestPrefixListId)],
            [("SourceCidrIp", draft.SourceCidrIp), ("Ipv6SourceCidrIp", draft.Ipv6SourceCidrIp)],
            [("SourceGroupId", draft.SourceGroupId), ("SourcePrefixListId", draft.SourcePrefixListId)],
            "DestGroupId", "DestPrefixListId", "destination", ErrorCodes.MissingDestination);

    public string PeerFieldOf(Cidr cidr) => FieldOf(cidr, Direction == Direction.Ingress ? "Source" : "Dest");

    public string LocalFieldOf(Cidr cidr) => FieldOf(cidr, Direction == Direction.Ingress ? "Dest" : "Source");

    public static string MalformedCodeOf(string field) => field switch
    {
        "SourceCidrIp" => ErrorCodes.SourceCidrIpMalformed,
        "Ipv6SourceCidrIp" => ErrorCodes.Ipv6SourceCidrIpMalformed,
        "DestCidrIp" => ErrorCodes.DestCidrIpMalformed,
        _ => ErrorCodes.Ipv6DestCidrIpMalformed,
    };

    /// <summary>The field of the same side for the other family ("SourceCidrIp" ↔ "Ipv6SourceCidrIp").</summary>
    public string SiblingField(string field) =>
        field.StartsWith("Ipv6", StringComparison.Ordinal) ? field[4..] : "Ipv6" + field;

    private static string FieldOf(Cidr cidr, string side) =>
        (cidr.Family == IpFamily.IPv6 ? "Ipv6" : "") + side + "CidrIp";
}
