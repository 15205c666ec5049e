namespace Palisade.Contracts.SecurityGroups;

/// <summary>
/// Puts an instance (every NIC of it) or one NIC into a group. Used by JoinSecurityGroup and LeaveSecurityGroup;
/// leaving the last group of a NIC is refused (InstanceLastSecurityGroup).
/// </summary>
public sealed record JoinSecurityGroupRequest
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }

    public string? InstanceId { get; set; }

    public string? NetworkInterfaceId { get; set; }
}
