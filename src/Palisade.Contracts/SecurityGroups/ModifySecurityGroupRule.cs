namespace Palisade.Contracts.SecurityGroups;

/// <summary>Changes a rule in place, keeping its id; fields left out keep their values.</summary>
public sealed record ModifySecurityGroupRuleRequest : PermissionInput
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }

    public string? SecurityGroupRuleId { get; set; }
}
