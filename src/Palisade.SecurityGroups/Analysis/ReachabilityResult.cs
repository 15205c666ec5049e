using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// The answer of <see cref="ReachabilityAnalyzer"/>: the disjoint peer address ranges whose new connections are
/// accepted, in address order (IPv4 first), each with the entry that accepts it.
/// </summary>
/// <remarks>
/// A connecting host chooses its own source port, so a peer counts as able to reach the port when at least one
/// source port is accepted: that is <see cref="Allowed"/> and <see cref="AllowedAddresses"/>. Ranges reached only
/// from some source ports say so (<see cref="ReachableRange.AllSourcePorts"/> is false);
/// <see cref="AllowedFromEverySourcePort"/> is the stricter set.
/// </remarks>
public sealed record ReachabilityResult
{
    public required string NetworkInterfaceId { get; init; }

    public required string DeviceName { get; init; }

    public required Direction Direction { get; init; }

    public required byte Protocol { get; init; }

    /// <summary>The destination port analysed; null for protocols without ports.</summary>
    public int? Port { get; init; }

    /// <summary>The families analysed, with the instance-side address each was analysed for (null: unknown).</summary>
    public required ImmutableDictionary<IpFamily, UInt128?> LocalAddresses { get; init; }

    public required ImmutableArray<ReachableRange> Allowed { get; init; }

    /// <summary>Peers that can connect from at least one source port.</summary>
    public AddressRangeSet AllowedAddresses => AddressRangeSet.Of(Allowed.Select(r => r.Range));

    /// <summary>Peers that can connect whatever their source port.</summary>
    public AddressRangeSet AllowedFromEverySourcePort => AddressRangeSet.Of(Allowed.Where(r => r.AllSourcePorts).Select(r => r.Range));

    /// <summary>True when every address of every analysed family can connect from every source port.</summary>
    public bool OpenToEveryone
    {
        get
        {
            var everySourcePort = AllowedFromEverySourcePort;
            return LocalAddresses.Keys.All(everySourcePort.CoversAll);
        }
    }

    /// <summary>"0.0.0.0/0 except 203.0.113.0/24" or a CIDR list; "nothing" when no peer can connect.</summary>
    public string Describe() => AllowedAddresses.Describe();
}
