namespace Palisade.Server.Persistence;

/// <summary>A counter of one instance as its agent last reported it (cumulative since its ruleset was loaded).</summary>
internal sealed class RuleHitCounterRecord
{
    public required string InstanceId { get; set; }

    /// <summary>A SecurityGroupRuleId, or a per-NIC name such as "default-ingress".</summary>
    public required string Name { get; set; }

    /// <summary>The NIC device the counter belongs to; "" when the agent counts per instance.</summary>
    public required string DeviceName { get; set; }

    public long Packets { get; set; }

    public long Bytes { get; set; }

    public DateTime ReportedUtc { get; set; }
}
