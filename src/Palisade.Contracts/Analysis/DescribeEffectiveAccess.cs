using Palisade.Contracts.Common;

namespace Palisade.Contracts.Analysis;

/// <summary>"Who can reach tcp/22 on this instance?" — the source addresses whose new connections are accepted.</summary>
public sealed record DescribeEffectiveAccessRequest
{
    public string? InstanceId { get; set; }

    public string? NetworkInterfaceId { get; set; }

    public string? IpProtocol { get; set; }

    public string? Port { get; set; }
}

public sealed record DescribeEffectiveAccessResponse : ApiResponse
{
    public string InstanceId { get; set; } = "";

    public string NetworkInterfaceId { get; set; } = "";

    public string IpProtocol { get; set; } = "";

    public int? Port { get; set; }

    /// <summary>True when every IPv4 and IPv6 address can connect.</summary>
    public bool OpenToEveryone { get; set; }

    /// <summary>Address ranges that are accepted, each with what accepts it, in address order.</summary>
    public List<AccessRange> Allowed { get; set; } = [];
}

public sealed record AccessRange
{
    /// <summary>The range as the smallest list of CIDR blocks.</summary>
    public List<string> Cidrs { get; set; } = [];

    public string First { get; set; } = "";

    public string Last { get; set; } = "";

    public string DecidedBy { get; set; } = "";

    public string? SecurityGroupId { get; set; }

    public string? SecurityGroupRuleId { get; set; }
}
