using Palisade.Contracts.Common;

namespace Palisade.Contracts.Analysis;

/// <summary>
/// "Would this packet get through?" A new connection arriving at (ingress, from SourceIp) or leaving
/// (egress, to DestIp) an instance, on one NIC (the primary by default).
/// </summary>
public sealed record CheckInstanceAccessRequest
{
    public string? InstanceId { get; set; }

    public string? NetworkInterfaceId { get; set; }

    /// <summary>ingress (default) or egress.</summary>
    public string? Direction { get; set; }

    public string? IpProtocol { get; set; }

    /// <summary>The destination port (tcp, udp).</summary>
    public string? Port { get; set; }

    public string? SourcePort { get; set; }

    /// <summary>The remote address of an ingress check; optionally the local address of an egress check.</summary>
    public string? SourceIp { get; set; }

    /// <summary>The remote address of an egress check; optionally the local address of an ingress check.</summary>
    public string? DestIp { get; set; }
}

public sealed record CheckInstanceAccessResponse : ApiResponse
{
    /// <summary>accept or drop.</summary>
    public string Verdict { get; set; } = "";

    /// <summary>What decided: Rule, IntraGroup, Default, Management, ControlPlane, Infrastructure, Unprotected.</summary>
    public string DecidedBy { get; set; } = "";

    public string? SecurityGroupId { get; set; }

    public string? SecurityGroupRuleId { get; set; }

    public int? Priority { get; set; }

    public string? Policy { get; set; }

    public string? RuleDescription { get; set; }

    public string NetworkInterfaceId { get; set; } = "";

    public string DeviceName { get; set; } = "";

    /// <summary>One sentence a person can read.</summary>
    public string Explanation { get; set; } = "";
}
