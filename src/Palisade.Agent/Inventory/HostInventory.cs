using System.Collections.Immutable;

namespace Palisade.Agent.Inventory;

/// <summary>
/// The host's NICs in the order the server should number them: the NIC of the default route first, then by
/// interface index. Two inventories are the same when <see cref="Fingerprint"/> is equal.
/// </summary>
internal sealed record HostInventory(ImmutableArray<NicInventory> Nics)
{
    public static HostInventory Empty { get; } = new([]);

    /// <summary>A canonical text of everything the server is told, for change detection.</summary>
    public string Fingerprint { get; } = string.Join('\n', Nics.Select(n => n.ToString()));

    public bool SameAs(HostInventory? other) => other is not null && string.Equals(Fingerprint, other.Fingerprint, StringComparison.Ordinal);
}
