using System.Collections.Immutable;
using Palisade.Core;

namespace Palisade.SecurityGroups.Model;

/// <summary>
/// Everything needed to decide the fate of a packet at one instance: its NICs, the groups attached to them, the
/// addresses of every group its rules refer to, and the prefix lists they use. The server builds it; the agent
/// receives it as its desired state and compiles it to nftables; the evaluator answers questions about it.
/// </summary>
public sealed record InstancePolicy
{
    public required string InstanceId { get; init; }

    public string InstanceName { get; init; } = "";

    /// <summary>The server's configuration revision this policy was built from; grows with every change.</summary>
    public long Revision { get; init; }

    public ImmutableArray<NicPolicy> Nics { get; init; } = [];

    /// <summary>Every group attached to a NIC of the instance.</summary>
    public ImmutableArray<SecurityGroup> SecurityGroups { get; init; } = [];

    /// <summary>
    /// Member addresses of every group the policy needs: attached groups (for intra-group access) and groups that
    /// rules name as peers.
    /// </summary>
    public ImmutableDictionary<string, ImmutableArray<Cidr>> GroupMemberAddresses { get; init; } =
        ImmutableDictionary<string, ImmutableArray<Cidr>>.Empty;

    public ImmutableArray<PrefixList> PrefixLists { get; init; } = [];
}
