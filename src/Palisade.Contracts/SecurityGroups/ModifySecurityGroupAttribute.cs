namespace Palisade.Contracts.SecurityGroups;

public sealed record ModifySecurityGroupAttributeRequest
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }

    public string? SecurityGroupName { get; set; }

    public string? Description { get; set; }
}
