namespace Palisade.Contracts.Instances;

/// <summary>Forgets an instance (e.g. a decommissioned server); its agent would register it again.</summary>
public sealed record DeleteInstanceRequest
{
    public string? RegionId { get; set; }

    public string? InstanceId { get; set; }
}
