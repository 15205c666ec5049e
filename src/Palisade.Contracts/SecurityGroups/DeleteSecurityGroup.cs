namespace Palisade.Contracts.SecurityGroups;

/// <summary>Deletes a group that no instance is in and no other group's rule refers to.</summary>
public sealed record DeleteSecurityGroupRequest
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }
}
