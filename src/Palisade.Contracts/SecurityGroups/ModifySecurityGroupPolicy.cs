namespace Palisade.Contracts.SecurityGroups;

/// <summary>Sets the intra-group access of a basic group: Accept (members reach each other) or Drop.</summary>
public sealed record ModifySecurityGroupPolicyRequest
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }

    public string? InnerAccessPolicy { get; set; }
}
