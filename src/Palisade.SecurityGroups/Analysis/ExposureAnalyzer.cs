using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Evaluation;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// Finds high-risk ports (<see cref="HighRiskPorts"/>) that new connections from public addresses reach, judged on
/// each NIC's effective, pooled entries: a higher-priority drop hides a lower accept, a management allowance or an
/// unprotected NIC exposes a port as much as a rule does. Also flags NICs on which every protocol and port is open.
/// </summary>
/// <remarks>
/// Severity of the reach: high when it covers at least half of the public IPv4 (or IPv6) space — all of
/// 0.0.0.0/0 or ::/0, or all of it but some blocks; medium when it covers more than a /16 of public IPv4 or more
/// than a /32 of public IPv6 (more than one organisation's network); low otherwise. A finding's severity is the
/// lower of the reach's and the port's (<see cref="HighRiskPort.Severity"/>).
/// </remarks>
public static class ExposureAnalyzer
{
    public const string AllProtocols = "all";
    public const string AllProtocolsService = "all protocols and ports";

    private static readonly UInt128 MediumIPv4Addresses = UInt128.One << 16;
    private static readonly UInt128 MediumIPv6Addresses = UInt128.One << 96;

    /// <summary>Findings of every NIC, most severe first.</summary>
    public static ImmutableArray<ExposureFinding> Analyze(EffectivePolicy policy, IEnumerable<HighRiskPort>? ports = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var table = (ports ?? HighRiskPorts.All).ToList();
        return [.. policy.Nics.SelectMany(nic => Findings(nic, table)).OrderByDescending(f => f.Severity)];
    }

    /// <summary>Findings of one NIC, most severe first, then in port order.</summary>
    public static ImmutableArray<ExposureFinding> Analyze(NicEffectivePolicy nic, IEnumerable<HighRiskPort>? ports = null)
    {
        ArgumentNullException.ThrowIfNull(nic);
        return [.. Findings(nic, (ports ?? HighRiskPorts.All).ToList()).OrderByDescending(f => f.Severity)];
    }

    /// <summary>How much of the public address space <paramref name="publicReach"/> is (see the remarks).</summary>
    public static RiskSeverity ReachSeverity(AddressRangeSet publicReach)
    {
        ArgumentNullException.ThrowIfNull(publicReach);
        var publicSpace = PublicAddressSpace.Addresses;
        var v4 = publicReach.CountOf(IpFamily.IPv4);
        var v6 = publicReach.CountOf(IpFamily.IPv6);
        if (IsAtLeastHalf(v4, publicSpace.CountOf(IpFamily.IPv4)) || IsAtLeastHalf(v6, publicSpace.CountOf(IpFamily.IPv6)))
        {
            return RiskSeverity.High;
        }

        return v4 > MediumIPv4Addresses || v6 > MediumIPv6Addresses ? RiskSeverity.Medium : RiskSeverity.Low;
    }

    private static bool IsAtLeastHalf(UInt128 part, UInt128 whole) => part > 0 && part >= whole - (whole / 2);

    private static IEnumerable<ExposureFinding> Findings(NicEffectivePolicy nic, List<HighRiskPort> ports)
    {
        if (AllProtocolsFinding(nic) is { } everything)
        {
            yield return everything;
        }

        foreach (var port in ports)
        {
            var result = ReachabilityAnalyzer.Analyze(nic, new ReachabilityQuery { Protocol = port.Protocol, Port = port.Port });
            var exposed = result.Allowed.Where(r => PublicAddressSpace.Addresses.Overlaps(AddressRangeSet.Of([r.Range]))).ToList();
            if (exposed.Count == 0)
            {
                continue;
            }

            var entries = exposed.SelectMany(r => r.Acceptances).OrderBy(a => a.Order).ToList();
            yield return Finding(
                nic, IpProtocols.NameOf(port.Protocol), port.Port, port.Service, port.Severity, port.Reason,
                AddressRangeSet.Of(exposed.Select(r => r.Range)), entries.Select(a => (a.DecidedBy, a.Entry)));
        }
    }

    /// <summary>
    /// Every protocol and port open: the sources an entry decides for all protocols, ports and source ports at once.
    /// Narrower earlier entries (say, a drop of tcp/22) carve exceptions out of such an opening but do not close it,
    /// so only entries that are themselves "everything" take sources out of the sweep.
    /// </summary>
    private static ExposureFinding? AllProtocolsFinding(NicEffectivePolicy nic)
    {
        var deciders = new List<(DecidedBy, PolicyEntry?)>();
        var accepted = new List<AddressRange>();
        if (!nic.IsProtected)
        {
            accepted.AddRange(AddressRangeSet.Everything.Ranges);
            deciders.Add((DecidedBy.Unprotected, null));
        }
        else
        {
            var families = new[] { IpFamily.IPv4, IpFamily.IPv6 };
            var region = new UndecidedRegion(families);
            var pieces = new List<DecidedPiece>();
            var entries = nic.Ingress;
            for (var i = 0; i < entries.Length && !region.IsEmpty; i++)
            {
                var entry = entries[i];
                var local = nic.Nic.Addresses.FirstOrDefault(a => a.Family == entry.Family);
                if (!entry.AllProtocols || !entry.AllDestinationPorts || !entry.AllSourcePorts
                    || !(entry.Destination.IsAny || (local != default && entry.Destination.Contains(local))))
                {
                    continue;
                }

                var taken = pieces.Count;
                region.Take(entry.Family, entry.Source.Network, entry.Source.Last, PortSpan.All, pieces, i);
                if (entry.Verdict == Verdict.Accept)
                {
                    var publicPart = pieces.Skip(taken).Where(p => PublicAddressSpace.Addresses.Overlaps(AddressRangeSet.Of([p.Range]))).ToList();
                    accepted.AddRange(publicPart.Select(p => p.Range));
                    if (publicPart.Count > 0)
                    {
                        deciders.Add((ReachabilityAnalyzer.ToDecidedBy(entry.Kind), entry));
                    }
                }
            }
        }

        var reachable = AddressRangeSet.Of(accepted);
        if (reachable.IsEmpty)
        {
            return null;
        }

        return Finding(
            nic, AllProtocols, 0, AllProtocolsService, RiskSeverity.High,
            "Every service on the instance, including ones started later, is exposed.", reachable, deciders);
    }

    private static ExposureFinding Finding(
        NicEffectivePolicy nic, string protocol, int port, string service, RiskSeverity portSeverity, string reason,
        AddressRangeSet reachable, IEnumerable<(DecidedBy DecidedBy, PolicyEntry? Entry)> deciders)
    {
        var publicReach = reachable.Intersect(PublicAddressSpace.Addresses);
        var severity = (RiskSeverity)Math.Min((int)ReachSeverity(publicReach), (int)portSeverity);
        var deciderList = deciders.ToList();
        var ruleIds = deciderList.Select(d => d.Entry?.SecurityGroupRuleId).OfType<string>().Distinct(StringComparer.Ordinal).ToImmutableArray();
        var acceptedBy = deciderList.Select(d => d.DecidedBy).Distinct().ToImmutableArray();
        var what = protocol == AllProtocols ? "Every protocol and port" : $"{service} ({protocol}/{port})";
        var from = reachable.Describe();
        return new ExposureFinding
        {
            Severity = severity,
            PortSeverity = portSeverity,
            NetworkInterfaceId = nic.Nic.NetworkInterfaceId,
            DeviceName = nic.Nic.DeviceName,
            IpProtocol = protocol,
            Port = port,
            Service = service,
            ReachableFrom = from,
            Reachable = reachable,
            PublicReachable = publicReach,
            SecurityGroupRuleIds = ruleIds,
            AcceptedBy = acceptedBy,
            Explanation = $"{what} on {nic.Nic.DeviceName} accepts new connections from {from}{Through(deciderList, ruleIds)}. " +
                $"{reason} Allow only the addresses that need it.",
        };
    }

    private static string Through(List<(DecidedBy DecidedBy, PolicyEntry? Entry)> deciders, ImmutableArray<string> ruleIds)
    {
        var reasons = new List<string>();
        if (!ruleIds.IsEmpty)
        {
            reasons.Add($"rule{(ruleIds.Length > 1 ? "s" : "")} {string.Join(", ", ruleIds)}");
        }

        foreach (var (decidedBy, entry) in deciders.DistinctBy(d => d.DecidedBy))
        {
            switch (decidedBy)
            {
                case DecidedBy.Management:
                    reasons.Add("the management allowance");
                    break;
                case DecidedBy.IntraGroup:
                    reasons.Add($"intra-group access of {entry?.SecurityGroupId}");
                    break;
                case DecidedBy.Unprotected:
                    reasons.Add("no security group (the NIC is unprotected)");
                    break;
                case DecidedBy.Infrastructure:
                    reasons.Add("the DHCP allowance");
                    break;
                case DecidedBy.Default:
                    reasons.Add("the default of the NIC's security groups");
                    break;
            }
        }

        return reasons.Count == 0 ? "" : " through " + string.Join(" and ", reasons);
    }
}
