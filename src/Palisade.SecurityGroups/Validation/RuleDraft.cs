using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Validation;

/// <summary>
/// A rule as a caller wrote it, every field still text, field names as in the cloud API. The validator turns it
/// into a <see cref="SecurityGroupRule"/> or reports every problem with it.
/// </summary>
public sealed record RuleDraft
{
    public required Direction Direction { get; init; }

    public string? Policy { get; init; }

    public string? Priority { get; init; }

    public string? IpProtocol { get; init; }

    public string? PortRange { get; init; }

    public string? SourcePortRange { get; init; }

    public string? SourceCidrIp { get; init; }

    public string? Ipv6SourceCidrIp { get; init; }

    public string? SourceGroupId { get; init; }

    public string? SourcePrefixListId { get; init; }

    public string? DestCidrIp { get; init; }

    public string? Ipv6DestCidrIp { get; init; }

    public string? DestGroupId { get; init; }

    public string? DestPrefixListId { get; init; }

    public string? NicType { get; init; }

    public string? Description { get; init; }
}
