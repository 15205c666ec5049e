namespace Palisade.Contracts.SecurityGroups;

/// <summary>
/// A rule as a caller writes it: every field a string, as in the cloud API, validated by the server which names
/// the field and the accepted form of anything wrong. Ingress rules name a source (SourceCidrIp,
/// Ipv6SourceCidrIp, SourceGroupId or SourcePrefixListId) and may narrow the destination (DestCidrIp,
/// Ipv6DestCidrIp); egress rules the other way round.
/// </summary>
public record PermissionInput
{
    public string? Policy { get; set; }

    public string? Priority { get; set; }

    public string? IpProtocol { get; set; }

    public string? PortRange { get; set; }

    public string? SourcePortRange { get; set; }

    public string? SourceCidrIp { get; set; }

    public string? Ipv6SourceCidrIp { get; set; }

    public string? SourceGroupId { get; set; }

    public string? SourcePrefixListId { get; set; }

    public string? DestCidrIp { get; set; }

    public string? Ipv6DestCidrIp { get; set; }

    public string? DestGroupId { get; set; }

    public string? DestPrefixListId { get; set; }

    public string? NicType { get; set; }

    public string? Description { get; set; }
}
