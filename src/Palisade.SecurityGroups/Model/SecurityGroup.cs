using System.Collections.Immutable;

namespace Palisade.SecurityGroups.Model;

/// <summary>A security group with its rules, as the evaluator and compiler see it.</summary>
public sealed record SecurityGroup
{
    public required string SecurityGroupId { get; init; }

    public string SecurityGroupName { get; init; } = "";

    public string Description { get; init; } = "";

    public string RegionId { get; init; } = "";

    public SecurityGroupType SecurityGroupType { get; init; } = SecurityGroupType.Normal;

    /// <summary>Intra-group access of a basic group; enterprise groups never allow it.</summary>
    public InnerAccessPolicy InnerAccessPolicy { get; init; } = InnerAccessPolicy.Accept;

    public ImmutableArray<SecurityGroupRule> Rules { get; init; } = [];

    /// <summary>True when members of this group reach each other when no rule decides.</summary>
    public bool AllowsIntraGroupTraffic =>
        SecurityGroupType == SecurityGroupType.Normal && InnerAccessPolicy == InnerAccessPolicy.Accept;
}
