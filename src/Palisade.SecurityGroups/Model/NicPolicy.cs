using System.Collections.Immutable;
using Palisade.Core;

namespace Palisade.SecurityGroups.Model;

/// <summary>One network interface of an instance: its device name, addresses and the groups attached to it.</summary>
public sealed record NicPolicy
{
    public required string NetworkInterfaceId { get; init; }

    /// <summary>The device name on the instance ("eth0"); nftables matches on it.</summary>
    public required string DeviceName { get; init; }

    public NicType NicType { get; init; } = NicType.Intranet;

    /// <summary>The NIC's own addresses, as single-host blocks.</summary>
    public ImmutableArray<Cidr> Addresses { get; init; } = [];

    /// <summary>The groups attached to this NIC, in the order they were joined.</summary>
    public ImmutableArray<string> SecurityGroupIds { get; init; } = [];
}
