using System.Collections.Immutable;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Effective;

/// <summary>
/// The ordered entries that decide new connections on one NIC, one list per direction; the first entry that
/// matches decides. Each list ends with default entries that match everything of their family.
/// A NIC without any security group is unprotected: its lists are empty and all its traffic is accepted.
/// </summary>
public sealed record NicEffectivePolicy
{
    public required NicPolicy Nic { get; init; }

    /// <summary>The groups attached to the NIC, resolved, in join order.</summary>
    public ImmutableArray<SecurityGroup> SecurityGroups { get; init; } = [];

    /// <summary>The pooled rules of every attached group that apply to this NIC, in evaluation order.</summary>
    public ImmutableArray<SecurityGroupRule> IngressRules { get; init; } = [];

    public ImmutableArray<SecurityGroupRule> EgressRules { get; init; } = [];

    public ImmutableArray<PolicyEntry> Ingress { get; init; } = [];

    public ImmutableArray<PolicyEntry> Egress { get; init; } = [];

    public bool IsProtected => !SecurityGroups.IsDefaultOrEmpty;

    public ImmutableArray<PolicyEntry> EntriesFor(Direction direction) => direction == Direction.Ingress ? Ingress : Egress;

    public ImmutableArray<SecurityGroupRule> RulesFor(Direction direction) => direction == Direction.Ingress ? IngressRules : EgressRules;
}
