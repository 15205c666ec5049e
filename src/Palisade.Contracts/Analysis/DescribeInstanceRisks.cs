using Palisade.Contracts.Common;

namespace Palisade.Contracts.Analysis;

public sealed record DescribeInstanceRisksRequest
{
    public string? InstanceId { get; set; }
}

/// <summary>High-risk exposure (judged on the pooled rules of each NIC) and rule-set anomalies.</summary>
public sealed record DescribeInstanceRisksResponse : ApiResponse
{
    public string InstanceId { get; set; } = "";

    public List<ExposureRisk> Risks { get; set; } = [];

    public List<RuleAnomaly> Anomalies { get; set; } = [];
}

public sealed record ExposureRisk
{
    /// <summary>high, medium or low.</summary>
    public string Severity { get; set; } = "";

    public string NetworkInterfaceId { get; set; } = "";

    public string IpProtocol { get; set; } = "";

    public int Port { get; set; }

    /// <summary>The service usually behind the port (SSH, RDP, MySQL …).</summary>
    public string Service { get; set; } = "";

    /// <summary>What part of the internet reaches it, e.g. "0.0.0.0/0" or "0.0.0.0/0 except 203.0.113.0/24".</summary>
    public string ReachableFrom { get; set; } = "";

    public List<string> SecurityGroupRuleIds { get; set; } = [];

    public string Explanation { get; set; } = "";
}

/// <summary>A rule-set anomaly after Al-Shaer and Hamed: shadowed, redundant, correlated or generalization.</summary>
public sealed record RuleAnomaly
{
    public string Type { get; set; } = "";

    public string NetworkInterfaceId { get; set; } = "";

    public string Direction { get; set; } = "";

    public string SecurityGroupRuleId { get; set; } = "";

    public string OtherSecurityGroupRuleId { get; set; } = "";

    public string Explanation { get; set; } = "";
}
