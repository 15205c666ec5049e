using Palisade.Contracts.Common;

namespace Palisade.Contracts.SecurityGroups;

public sealed record DescribeSecurityGroupAttributeRequest
{
    public string? RegionId { get; set; }

    public string? SecurityGroupId { get; set; }

    /// <summary>ingress, egress or all (default).</summary>
    public string? Direction { get; set; }

    public string? NicType { get; set; }
}

/// <summary>A group with its rules, listed in evaluation order (priority, drop before accept, oldest first).</summary>
public sealed record DescribeSecurityGroupAttributeResponse : ApiResponse
{
    public string SecurityGroupId { get; set; } = "";

    public string SecurityGroupName { get; set; } = "";

    public string Description { get; set; } = "";

    public string RegionId { get; set; } = "";

    public string SecurityGroupType { get; set; } = "";

    public string InnerAccessPolicy { get; set; } = "";

    public string CreationTime { get; set; } = "";

    public List<Permission> Permissions { get; set; } = [];

    /// <summary>Instances with a NIC in this group.</summary>
    public List<string> InstanceIds { get; set; } = [];
}
