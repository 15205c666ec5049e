namespace Palisade.Contracts.SecurityGroups;

/// <summary>A stored rule as DescribeSecurityGroupAttribute returns it, with its id, direction and hit count.</summary>
public sealed record Permission : PermissionInput
{
    public string SecurityGroupRuleId { get; set; } = "";

    public string Direction { get; set; } = "";

    public string CreateTime { get; set; } = "";

    /// <summary>Packets matched by this rule on every instance, as last reported by their agents.</summary>
    public long HitCount { get; set; }
}
