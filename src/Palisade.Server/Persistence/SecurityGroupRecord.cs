using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Persistence;

internal sealed class SecurityGroupRecord
{
    public required string SecurityGroupId { get; set; }

    public required string RegionId { get; set; }

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public SecurityGroupType Type { get; set; }

    public InnerAccessPolicy InnerAccessPolicy { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The caller's idempotency token of the CreateSecurityGroup request that made the group.</summary>
    public string? ClientToken { get; set; }

    public List<SecurityGroupRuleRecord> Rules { get; set; } = [];
}
