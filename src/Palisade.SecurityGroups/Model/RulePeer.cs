using Palisade.Core;

namespace Palisade.SecurityGroups.Model;

/// <summary>What a rule's peer side names: a CIDR block, the members of a security group, or a prefix list.</summary>
public enum RulePeerKind
{
    Cidr,
    SecurityGroup,
    PrefixList,
}

/// <summary>
/// The far end of a rule: the source of an ingress rule, the destination of an egress rule. Group and prefix-list
/// peers are resolved to addresses when an instance's effective policy is built, so a change of membership
/// changes every instance that refers to the group.
/// </summary>
public sealed record RulePeer(RulePeerKind Kind, Cidr? Cidr = null, string? ReferenceId = null)
{
    public static RulePeer ForCidr(Cidr cidr) => new(RulePeerKind.Cidr, cidr);

    public static RulePeer ForGroup(string securityGroupId) => new(RulePeerKind.SecurityGroup, null, securityGroupId);

    public static RulePeer ForPrefixList(string prefixListId) => new(RulePeerKind.PrefixList, null, prefixListId);

    public override string ToString() => Kind == RulePeerKind.Cidr ? Cidr?.ToString() ?? "" : ReferenceId ?? "";
}
