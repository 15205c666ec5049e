namespace Palisade.Contracts.SecurityGroups;

/// <summary>
/// Removes rules by id (SecurityGroupRuleId) or by content (top-level fields or Permissions, matched as
/// authorize would). Revoking a rule that does not exist succeeds. Used for both directions.
/// </summary>
public sealed record RevokeSecurityGroupRequest : PermissionInput
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }

    public List<string>? SecurityGroupRuleId { get; set; }

    public List<PermissionInput>? Permissions { get; set; }
}
