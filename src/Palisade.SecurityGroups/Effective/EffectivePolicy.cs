using System.Collections.Immutable;

namespace Palisade.SecurityGroups.Effective;

/// <summary>The effective policy of one instance: what its kernel must enforce, NIC by NIC.</summary>
public sealed record EffectivePolicy
{
    public required string InstanceId { get; init; }

    public long Revision { get; init; }

    public ImmutableArray<NicEffectivePolicy> Nics { get; init; } = [];

    public NicEffectivePolicy? FindNic(string deviceName) =>
        Nics.FirstOrDefault(n => string.Equals(n.Nic.DeviceName, deviceName, StringComparison.Ordinal));
}
