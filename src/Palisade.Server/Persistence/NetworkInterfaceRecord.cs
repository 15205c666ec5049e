using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Persistence;

internal sealed class NetworkInterfaceRecord
{
    public required string NetworkInterfaceId { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>The device name on the instance ("eth0"), unique per instance.</summary>
    public required string DeviceName { get; set; }

    public string MacAddress { get; set; } = "";

    public NicType NicType { get; set; }

    /// <summary>The agent's order; position 0 is the primary NIC.</summary>
    public int Position { get; set; }

    /// <summary>Addresses with prefix length ("198.18.0.10/24"), space-separated, in the agent's order.</summary>
    public string Addresses { get; set; } = "";

    public List<NicSecurityGroupRecord> SecurityGroups { get; set; } = [];

    public bool IsPrimary => Position == 0;
}
