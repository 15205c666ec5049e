using Palisade.Contracts.Common;

namespace Palisade.Contracts.Instances;

public sealed record DescribeInstancesRequest
{
    public string? RegionId { get; set; }

    public List<string>? InstanceIds { get; set; }

    public string? InstanceName { get; set; }

    public string? SecurityGroupId { get; set; }
}

public sealed record DescribeInstancesResponse : ApiResponse
{
    public int TotalCount { get; set; }

    public List<InstanceInfo> Instances { get; set; } = [];
}

public sealed record InstanceInfo
{
    public string InstanceId { get; set; } = "";

    public string InstanceName { get; set; } = "";

    public string HostName { get; set; } = "";

    public string RegionId { get; set; } = "";

    /// <summary>Running while its agent checks in, Offline after it stops doing so.</summary>
    public string Status { get; set; } = "";

    public string AgentVersion { get; set; } = "";

    public string CreationTime { get; set; } = "";

    public string? LastSeenTime { get; set; }

    /// <summary>The configuration revision the server wants enforced, and the one the agent last enforced.</summary>
    public long DesiredRevision { get; set; }

    public long AppliedRevision { get; set; }

    public string? AppliedTime { get; set; }

    /// <summary>The agent's last error applying its ruleset, if any.</summary>
    public string? ApplyError { get; set; }

    public List<string> SecurityGroupIds { get; set; } = [];

    public List<NetworkInterfaceInfo> NetworkInterfaces { get; set; } = [];
}

public sealed record NetworkInterfaceInfo
{
    public string NetworkInterfaceId { get; set; } = "";

    public string DeviceName { get; set; } = "";

    public string MacAddress { get; set; } = "";

    public string NicType { get; set; } = "";

    public string Type { get; set; } = "";

    public string? PrimaryIpAddress { get; set; }

    public List<string> PrivateIpAddresses { get; set; } = [];

    public List<string> Ipv6Addresses { get; set; } = [];

    public List<string> SecurityGroupIds { get; set; } = [];
}
