using System.Collections.Immutable;
using Palisade.SecurityGroups.Evaluation;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// A high-risk port (or every protocol and port) that new connections from the internet reach on one NIC, judged
/// on the NIC's effective, pooled entries. Field names follow Contracts.Analysis.ExposureRisk.
/// </summary>
public sealed record ExposureFinding
{
    public required RiskSeverity Severity { get; init; }

    public required string NetworkInterfaceId { get; init; }

    public required string DeviceName { get; init; }

    /// <summary>"tcp", "udp", or "all" for an exposure of every protocol and port.</summary>
    public required string IpProtocol { get; init; }

    /// <summary>The destination port; 0 when <see cref="IpProtocol"/> is "all".</summary>
    public required int Port { get; init; }

    /// <summary>The service usually behind the port (SSH, MySQL …), or "all protocols and ports".</summary>
    public required string Service { get; init; }

    /// <summary>
    /// The accepted address ranges that contain public addresses, as text: "0.0.0.0/0", "0.0.0.0/0 except
    /// 203.0.113.0/24", "198.51.100.7/32" …
    /// </summary>
    public required string ReachableFrom { get; init; }

    /// <summary>The accepted address ranges that contain public addresses (what <see cref="ReachableFrom"/> prints).</summary>
    public required AddressRangeSet Reachable { get; init; }

    /// <summary>The public addresses among them: what the severity is judged on.</summary>
    public required AddressRangeSet PublicReachable { get; init; }

    /// <summary>The rules that accept the public addresses, in evaluation order; empty when no rule does.</summary>
    public required ImmutableArray<string> SecurityGroupRuleIds { get; init; }

    /// <summary>What accepts the public addresses: Rule, Management, IntraGroup, Unprotected …</summary>
    public required ImmutableArray<DecidedBy> AcceptedBy { get; init; }

    /// <summary>The table's severity of the port before the reach was taken into account.</summary>
    public RiskSeverity PortSeverity { get; init; } = RiskSeverity.High;

    public required string Explanation { get; init; }
}
