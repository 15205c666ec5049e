using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Persistence;

/// <summary>
/// A rule as stored: every field of <see cref="SecurityGroupRule"/>, addresses and ranges in their canonical text
/// form so that the columns read well in any SQL client and need no provider-specific types.
/// </summary>
internal sealed class SecurityGroupRuleRecord
{
    public required string SecurityGroupRuleId { get; set; }

    public required string SecurityGroupId { get; set; }

    public Direction Direction { get; set; }

    public RulePolicy Policy { get; set; }

    public int Priority { get; set; }

    public IpProtocol IpProtocol { get; set; }

    /// <summary>"start/end" or "-1/-1".</summary>
    public string PortRange { get; set; } = "-1/-1";

    public string? SourcePortRange { get; set; }

    public RulePeerKind PeerKind { get; set; }

    /// <summary>A canonical CIDR block, a security group id or a prefix list id, by <see cref="PeerKind"/>.</summary>
    public string PeerValue { get; set; } = "";

    public string? LocalCidr { get; set; }

    public NicType NicType { get; set; }

    public string Description { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}
