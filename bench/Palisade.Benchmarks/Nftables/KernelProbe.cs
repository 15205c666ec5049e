using System.Net;
using System.Net.Sockets;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// The packet the kernel benchmark sends: UDP from the client to a port on the server that no rule opens, so its
/// verdict is the NIC's default — the deepest entry of the list, the naive chain's worst case.
/// </summary>
internal sealed record KernelProbe(string Name, IPAddress Source, IPAddress Destination, int SourcePort, int DestinationPort)
{
    /// <summary>The discard port: nothing listens on it in a real network, and the generated rules never open it to the lab.</summary>
    public const int Port = 9;

    public AddressFamily AddressFamily => Destination.AddressFamily;

    /// <summary>The entry that decides this probe on <paramref name="nic"/>'s ingress, by a first-match scan, and its position.</summary>
    public (PolicyEntry Entry, int Index) DecidingEntry(NicEffectivePolicy nic)
    {
        var query = PacketQuery.Create(Direction.Ingress, IpProtocols.UdpNumber, Source, Destination, SourcePort, DestinationPort, nic.Nic.DeviceName);
        for (var i = 0; i < nic.Ingress.Length; i++)
        {
            if (nic.Ingress[i].Matches(query))
            {
                return (nic.Ingress[i], i);
            }
        }

        throw new InvalidOperationException($"no entry matches {query}: the list has no default");
    }
}
