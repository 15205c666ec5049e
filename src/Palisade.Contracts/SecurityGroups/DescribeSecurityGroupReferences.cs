using Palisade.Contracts.Common;

namespace Palisade.Contracts.SecurityGroups;

public sealed record DescribeSecurityGroupReferencesRequest
{
    public string? RegionId { get; set; }

    public List<string>? SecurityGroupId { get; set; }
}

public sealed record DescribeSecurityGroupReferencesResponse : ApiResponse
{
    public List<SecurityGroupReference> SecurityGroupReferences { get; set; } = [];
}

/// <summary>The groups whose rules name <see cref="SecurityGroupId"/> as a source or destination.</summary>
public sealed record SecurityGroupReference
{
    public string SecurityGroupId { get; set; } = "";

    public List<ReferencingSecurityGroup> ReferencingSecurityGroups { get; set; } = [];
}

public sealed record ReferencingSecurityGroup
{
    public string SecurityGroupId { get; set; } = "";

    public List<string> SecurityGroupRuleIds { get; set; } = [];
}
