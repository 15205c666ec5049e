using Palisade.Contracts.Common;

namespace Palisade.Contracts.SecurityGroups;

public sealed record DescribeSecurityGroupsRequest
{
    public string? RegionId { get; set; }

    public List<string>? SecurityGroupIds { get; set; }

    public string? SecurityGroupName { get; set; }

    public string? PageNumber { get; set; }

    public string? PageSize { get; set; }
}

public sealed record DescribeSecurityGroupsResponse : ApiResponse
{
    public int TotalCount { get; set; }

    public int PageNumber { get; set; }

    public int PageSize { get; set; }

    public List<SecurityGroupSummary> SecurityGroups { get; set; } = [];
}

public sealed record SecurityGroupSummary
{
    public string SecurityGroupId { get; set; } = "";

    public string SecurityGroupName { get; set; } = "";

    public string Description { get; set; } = "";

    public string SecurityGroupType { get; set; } = "";

    public string InnerAccessPolicy { get; set; } = "";

    public string RegionId { get; set; } = "";

    public string CreationTime { get; set; } = "";

    public int RuleCount { get; set; }

    public int InstanceCount { get; set; }
}
