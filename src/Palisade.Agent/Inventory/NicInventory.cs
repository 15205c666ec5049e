using System.Collections.Immutable;

namespace Palisade.Agent.Inventory;

/// <summary>One network interface as the host sees it: device, MAC and global addresses with prefix length ("198.18.0.10/24").</summary>
internal sealed record NicInventory(string DeviceName, string MacAddress, int InterfaceIndex, ImmutableArray<string> Addresses)
{
    public override string ToString() => $"{DeviceName} {MacAddress} [{string.Join(' ', Addresses)}]";
}
