namespace Palisade.Server.Persistence;

/// <summary>An instance its agent registered, with what the agent last reported about it.</summary>
internal sealed class InstanceRecord
{
    public required string InstanceId { get; set; }

    public required string RegionId { get; set; }

    /// <summary>Unique: an agent registering the same name is the same instance.</summary>
    public required string InstanceName { get; set; }

    public string HostName { get; set; } = "";

    public string AgentVersion { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastSeenUtc { get; set; }

    public long AppliedRevision { get; set; }

    public string? AppliedDigest { get; set; }

    public DateTime? AppliedUtc { get; set; }

    public string? ApplyError { get; set; }

    public List<NetworkInterfaceRecord> NetworkInterfaces { get; set; } = [];
}
