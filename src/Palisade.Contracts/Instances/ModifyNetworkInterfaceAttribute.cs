namespace Palisade.Contracts.Instances;

/// <summary>Changes a NIC's type (internet or intranet), which decides which rules apply to it.</summary>
public sealed record ModifyNetworkInterfaceAttributeRequest
{
    public string? RegionId { get; set; }

    public string? NetworkInterfaceId { get; set; }

    public string? NicType { get; set; }
}
