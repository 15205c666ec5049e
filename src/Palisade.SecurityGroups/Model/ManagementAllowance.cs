using System.Collections.Immutable;
using Palisade.Core;

namespace Palisade.SecurityGroups.Model;

/// <summary>
/// Traffic the agent always lets through, ahead of every rule, so that a bad rule can never cut an operator or the
/// agent itself off: inbound TCP to <see cref="TcpPorts"/> from <see cref="Sources"/>, and outbound TCP to the
/// control plane.
/// </summary>
public sealed record ManagementAllowance
{
    public static ManagementAllowance None { get; } = new();

    /// <summary>Networks that may always reach the management ports (e.g. an operator's bastion).</summary>
    public ImmutableArray<Cidr> Sources { get; init; } = [];

    /// <summary>Management ports; SSH by default.</summary>
    public ImmutableArray<int> TcpPorts { get; init; } = [22];

    /// <summary>The control plane's addresses and port, always reachable outbound.</summary>
    public ImmutableArray<ControlPlaneEndpoint> ControlPlane { get; init; } = [];
}

/// <summary>An address and TCP port of the control plane.</summary>
public sealed record ControlPlaneEndpoint(Cidr Address, int Port);
