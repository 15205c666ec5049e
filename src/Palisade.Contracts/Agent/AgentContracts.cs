using Palisade.Contracts.Common;
using Palisade.SecurityGroups.Model;

namespace Palisade.Contracts.Agent;

/// <summary>
/// An agent introduces its instance: the name (unique; the same name is the same instance), the host, and every
/// NIC with its addresses. Registering again updates the NICs.
/// </summary>
public sealed record AgentRegisterRequest
{
    public string? InstanceName { get; set; }

    public string? HostName { get; set; }

    public string? AgentVersion { get; set; }

    public string? RegionId { get; set; }

    public List<AgentNetworkInterface>? NetworkInterfaces { get; set; }
}

public sealed record AgentNetworkInterface
{
    public string? DeviceName { get; set; }

    public string? MacAddress { get; set; }

    /// <summary>Addresses with prefix length, as "198.18.0.10/24" or "2001:2::10/64".</summary>
    public List<string>? Addresses { get; set; }
}

public sealed record AgentRegisterResponse : ApiResponse
{
    public string InstanceId { get; set; } = "";

    /// <summary>The control plane's view of where the agent reaches it, for the management allowance.</summary>
    public List<string> ControlPlaneAddresses { get; set; } = [];
}

/// <summary>
/// The answer to a desired-state poll: the instance's policy and its digest. The agent sends the digest it has;
/// the server holds the request open (long poll) until the digest changes or the wait ends (304).
/// </summary>
public sealed record AgentDesiredStateResponse : ApiResponse
{
    public string InstanceId { get; set; } = "";

    public long Revision { get; set; }

    /// <summary>SHA-256 of the policy's canonical JSON: equal digests mean equal rulesets.</summary>
    public string Digest { get; set; } = "";

    public InstancePolicy? Policy { get; set; }
}

/// <summary>What the agent enforces now, and the hit counters of every rule.</summary>
public sealed record AgentReportRequest
{
    public string? InstanceId { get; set; }

    public long AppliedRevision { get; set; }

    public string? AppliedDigest { get; set; }

    public DateTimeOffset? AppliedTime { get; set; }

    /// <summary>The error of the last failed apply; null when the last apply succeeded.</summary>
    public string? Error { get; set; }

    public List<RuleCounter>? Counters { get; set; }
}

/// <summary>Packets and bytes a rule (or a default) matched since the ruleset was last replaced.</summary>
public sealed record RuleCounter
{
    /// <summary>A SecurityGroupRuleId, or "default-ingress"/"default-egress"/"intra-group" per NIC device.</summary>
    public string? Name { get; set; }

    public string? DeviceName { get; set; }

    public long Packets { get; set; }

    public long Bytes { get; set; }
}
