using Palisade.Contracts.Common;

namespace Palisade.Contracts.SecurityGroups;

public sealed record CreateSecurityGroupRequest
{
    public string? RegionId { get; set; }

    public string? SecurityGroupName { get; set; }

    public string? Description { get; set; }

    /// <summary>normal (basic, default) or enterprise.</summary>
    public string? SecurityGroupType { get; set; }

    /// <summary>Repeating a request with the same token returns the group the first one created.</summary>
    public string? ClientToken { get; set; }
}

public sealed record CreateSecurityGroupResponse : ApiResponse
{
    public string SecurityGroupId { get; set; } = "";
}
