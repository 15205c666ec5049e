namespace Palisade.Server.Persistence;

/// <summary>A NIC's membership in a group; <see cref="JoinOrder"/> keeps the order groups were joined in.</summary>
internal sealed class NicSecurityGroupRecord
{
    public required string NetworkInterfaceId { get; set; }

    public required string SecurityGroupId { get; set; }

    /// <summary>The configuration revision of the join: grows with time, so it orders the joins.</summary>
    public long JoinOrder { get; set; }
}
