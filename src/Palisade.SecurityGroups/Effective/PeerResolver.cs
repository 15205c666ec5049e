using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Effective;

/// <summary>Resolves a rule's peer to address blocks: the block itself, a group's member addresses, a prefix list's entries.</summary>
internal sealed class PeerResolver(
    ImmutableDictionary<string, ImmutableArray<Cidr>> groupMembers,
    Dictionary<string, PrefixList> prefixLists)
{
    public IEnumerable<Cidr> Resolve(RulePeer peer) => peer.Kind switch
    {
        RulePeerKind.Cidr when peer.Cidr is { } cidr => [cidr],
        RulePeerKind.SecurityGroup when peer.ReferenceId is { } id => GroupMembers(id),
        RulePeerKind.PrefixList when peer.ReferenceId is { } id && prefixLists.TryGetValue(id, out var list) => list.Entries,
        _ => [],
    };

    /// <summary>A group nobody is in, or one the policy does not describe, has no members: its rules match nothing.</summary>
    public ImmutableArray<Cidr> GroupMembers(string securityGroupId) =>
        groupMembers.TryGetValue(securityGroupId, out var members) ? members : [];
}
