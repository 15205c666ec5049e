using Palisade.Contracts.Common;

namespace Palisade.Contracts.SecurityGroups;

/// <summary>
/// Adds rules to a group: either the rule's fields at the top level (one rule) or a Permissions list (up to 100).
/// Used by AuthorizeSecurityGroup (ingress) and AuthorizeSecurityGroupEgress. Adding a rule that exists already
/// succeeds without adding another.
/// </summary>
public sealed record AuthorizeSecurityGroupRequest : PermissionInput
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }

    public List<PermissionInput>? Permissions { get; set; }
}

public sealed record AuthorizeSecurityGroupResponse : ApiResponse
{
    /// <summary>The ids of the rules, in request order; an existing rule's id when it was there already.</summary>
    public List<string> SecurityGroupRuleIds { get; set; } = [];
}
