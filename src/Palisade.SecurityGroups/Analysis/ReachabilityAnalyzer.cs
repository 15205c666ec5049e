using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// Answers "who can reach tcp/22 on this NIC": the peer addresses whose new connections of one protocol to one
/// destination port are accepted, each with the entry that accepts it, exactly as the evaluator would decide.
/// </summary>
/// <remarks>
/// Sweep in evaluation order over (peer address × source port), keeping the region no entry has decided yet
/// (<see cref="UndecidedRegion"/>): neighbour discovery / DHCP first (<see cref="InfrastructureTraffic"/>), then each
/// entry that matches the protocol, the port and the instance-side address takes its peer block × source ports out
/// of the region; what it takes is what it decides. The entry lists end with defaults that match everything, so
/// the region is empty at the end; whatever a hand-made list leaves undecided is dropped, as the evaluator does.
/// Cost: O(entries × segments touched), with segments ≤ 2 × entries + 1 when rules do not split source ports.
/// </remarks>
public static class ReachabilityAnalyzer
{
    private const int InfrastructureDecider = -2;
    private const int UnprotectedDecider = -1;

    /// <summary>Analyses the NIC with the given device name, or the primary (first) NIC when none is given.</summary>
    public static ReachabilityResult Analyze(EffectivePolicy policy, ReachabilityQuery query, string? deviceName = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var nic = deviceName is null ? policy.Nics.FirstOrDefault() : policy.FindNic(deviceName);
        return nic is null
            ? throw new ArgumentException($"Instance {policy.InstanceId} has no NIC{(deviceName is null ? "" : $" named '{deviceName}'")}.", nameof(deviceName))
            : Analyze(nic, query);
    }

    public static ReachabilityResult Analyze(NicEffectivePolicy nic, ReachabilityQuery query)
    {
        ArgumentNullException.ThrowIfNull(nic);
        ArgumentNullException.ThrowIfNull(query);
        var hasPorts = IpProtocols.HasPorts(query.Protocol);
        if (hasPorts && query.Port is not (>= 0 and <= ushort.MaxValue))
        {
            throw new ArgumentException(
                $"Port '{query.Port}' is not accepted for {IpProtocols.NameOf(query.Protocol)}: give a destination port 0-65535.", nameof(query));
        }

        var port = hasPorts ? (ushort)query.Port!.Value : (ushort)0;
        var locals = LocalAddresses(nic, query);
        var region = new UndecidedRegion(locals.Keys);
        var pieces = new List<DecidedPiece>();
        var entries = nic.EntriesFor(query.Direction);

        if (!nic.IsProtected)
        {
            foreach (var family in locals.Keys)
            {
                var all = AddressRange.All(family);
                region.Take(family, all.First, all.Last, PortSpan.All, pieces, UnprotectedDecider);
            }
        }
        else
        {
            TakeInfrastructure(region, locals.Keys, query.Direction, query.Protocol, port, pieces);
            for (var i = 0; i < entries.Length && !region.IsEmpty; i++)
            {
                var entry = entries[i];
                if (!locals.TryGetValue(entry.Family, out var local) || !Applies(entry, query.Direction, query.Protocol, port, local))
                {
                    continue;
                }

                var peer = query.Direction == Direction.Ingress ? entry.Source : entry.Destination;
                var taken = pieces.Count;
                region.Take(entry.Family, peer.Network, peer.Last, new PortSpan(entry.SourcePortLow, entry.SourcePortHigh), pieces, i);
                if (entry.Verdict == Verdict.Drop)
                {
                    pieces.RemoveRange(taken, pieces.Count - taken);
                }
            }
        }

        return new ReachabilityResult
        {
            NetworkInterfaceId = nic.Nic.NetworkInterfaceId,
            DeviceName = nic.Nic.DeviceName,
            Direction = query.Direction,
            Protocol = query.Protocol,
            Port = hasPorts ? port : null,
            LocalAddresses = locals,
            Allowed = ToRanges(pieces, entries),
        };
    }

    /// <summary>True when the entry matches new connections of this protocol and port to or from the local address.</summary>
    internal static bool Applies(PolicyEntry entry, Direction direction, byte protocol, ushort port, UInt128? local)
    {
        if (protocol < entry.ProtocolLow || protocol > entry.ProtocolHigh || port < entry.DestinationPortLow || port > entry.DestinationPortHigh)
        {
            return false;
        }

        var localSide = direction == Direction.Ingress ? entry.Destination : entry.Source;
        return local is { } address ? localSide.Contains(entry.Family, address) : localSide.IsAny;
    }

    private static ImmutableDictionary<IpFamily, UInt128?> LocalAddresses(NicEffectivePolicy nic, ReachabilityQuery query)
    {
        if (query.LocalAddress is { } given)
        {
            var (family, value) = IpAddressNumber.ToNumber(given);
            return ImmutableDictionary<IpFamily, UInt128?>.Empty.Add(family, value);
        }

        var locals = ImmutableDictionary.CreateBuilder<IpFamily, UInt128?>();
        foreach (var family in (ReadOnlySpan<IpFamily>)[IpFamily.IPv4, IpFamily.IPv6])
        {
            var address = nic.Nic.Addresses.FirstOrDefault(a => a.Family == family);
            locals[family] = address == default ? null : address.Network;
        }

        return locals.ToImmutable();
    }

    /// <summary>DHCP replies and requests pass ahead of every rule; the packet shapes come from <see cref="InfrastructureTraffic"/>.</summary>
    private static void TakeInfrastructure(
        UndecidedRegion region, IEnumerable<IpFamily> families, Direction direction, byte protocol, ushort port, List<DecidedPiece> pieces)
    {
        if (protocol != IpProtocols.UdpNumber)
        {
            return;
        }

        int[] sourcePorts =
        [
            InfrastructureTraffic.DhcpV4Inbound.Source, InfrastructureTraffic.DhcpV4Outbound.Source,
            InfrastructureTraffic.DhcpV6Inbound.Source, InfrastructureTraffic.DhcpV6Outbound.Source,
        ];
        foreach (var family in families)
        {
            foreach (var sourcePort in sourcePorts.Distinct())
            {
                var probe = new PacketQuery(direction, family, protocol, UInt128.Zero, UInt128.Zero, (ushort)sourcePort, port);
                if (InfrastructureTraffic.IsAllowed(probe))
                {
                    var all = AddressRange.All(family);
                    region.Take(family, all.First, all.Last, new PortSpan((ushort)sourcePort, (ushort)sourcePort), pieces, InfrastructureDecider);
                }
            }
        }
    }

    /// <summary>
    /// Turns accepted pieces (disjoint boxes) into maximal address ranges over which the accepted source ports and
    /// their deciders do not change.
    /// </summary>
    private static ImmutableArray<ReachableRange> ToRanges(List<DecidedPiece> pieces, ImmutableArray<PolicyEntry> entries)
    {
        var result = ImmutableArray.CreateBuilder<ReachableRange>();
        foreach (var family in pieces.Select(p => p.Range.Family).Distinct().Order())
        {
            var ofFamily = pieces.Where(p => p.Range.Family == family).OrderBy(p => p.Range.First).ToList();
            var starts = ofFamily.Select(p => p.Range.First)
                .Concat(ofFamily.Where(p => p.Range.Last != AddressRange.All(family).Last).Select(p => p.Range.Last + 1))
                .Distinct().Order().ToList();
            var active = new List<DecidedPiece>();
            var next = 0;
            for (var s = 0; s < starts.Count; s++)
            {
                var start = starts[s];
                var end = s + 1 < starts.Count ? starts[s + 1] - 1 : AddressRange.All(family).Last;
                active.RemoveAll(p => p.Range.Last < start);
                while (next < ofFamily.Count && ofFamily[next].Range.First == start)
                {
                    active.Add(ofFamily[next++]);
                }

                if (active.Count == 0)
                {
                    continue;
                }

                var acceptances = active
                    .SelectMany(p => p.SourcePorts.Select(ports => Acceptance(ports, p.Decider, entries)))
                    .OrderBy(a => a.SourcePorts.Low)
                    .ToImmutableArray();
                var range = new AddressRange(family, start, end);
                if (result.Count > 0 && result[^1].Range.Family == family && result[^1].Range.Last + 1 == start
                    && result[^1].Acceptances.SequenceEqual(acceptances))
                {
                    result[^1] = result[^1] with { Range = result[^1].Range with { Last = end } };
                }
                else
                {
                    result.Add(new ReachableRange { Range = range, Acceptances = acceptances });
                }
            }
        }

        return result.ToImmutable();
    }

    private static SourcePortAcceptance Acceptance(PortSpan ports, int decider, ImmutableArray<PolicyEntry> entries) => decider switch
    {
        InfrastructureDecider => new(ports, DecidedBy.Infrastructure, null, -1),
        UnprotectedDecider => new(ports, DecidedBy.Unprotected, null, -1),
        _ => new(ports, ToDecidedBy(entries[decider].Kind), entries[decider], decider),
    };

    internal static DecidedBy ToDecidedBy(EntryKind kind) => kind switch
    {
        EntryKind.Management => DecidedBy.Management,
        EntryKind.ControlPlane => DecidedBy.ControlPlane,
        EntryKind.Rule => DecidedBy.Rule,
        EntryKind.IntraGroup => DecidedBy.IntraGroup,
        _ => DecidedBy.Default,
    };
}
