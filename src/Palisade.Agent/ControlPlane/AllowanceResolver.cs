using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.Agent.ControlPlane;

/// <summary>
/// The management allowance for one registration: the operator's sources and ports from the options, and as
/// control plane every address the server's host name resolves to plus the addresses the server says it was
/// reached on, all with the server's port, so that no rule can cut the agent off from its server.
/// </summary>
internal static class AllowanceResolver
{
    public static async Task<ManagementAllowance> ResolveAsync(AgentOptions options, IEnumerable<string>? reportedAddresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var addresses = new List<IPAddress>();
        if (IPAddress.TryParse(options.Server.IdnHost.Trim('[', ']'), out var literal))
        {
            addresses.Add(literal);
        }
        else
        {
            try
            {
                addresses.AddRange(await Dns.GetHostAddressesAsync(options.Server.IdnHost, cancellationToken).ConfigureAwait(false));
            }
            catch (SocketException)
            {
                // The request that just succeeded resolved it; the server's own view below still covers the agent.
            }
        }

        foreach (var text in reportedAddresses ?? [])
        {
            if (IPAddress.TryParse(text, out var reported))
            {
                addresses.Add(reported);
            }
        }

        var port = options.Server.Port;
        var endpoints = addresses
            .Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId == 0))
            .Select(a => new ControlPlaneEndpoint(Cidr.Host(a), port))
            .Distinct()
            .OrderBy(e => e.Address)
            .ToImmutableArray();
        return new ManagementAllowance
        {
            Sources = options.ManagementSources,
            TcpPorts = options.ManagementPorts,
            ControlPlane = endpoints,
        };
    }
}
