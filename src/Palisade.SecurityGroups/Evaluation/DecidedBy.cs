namespace Palisade.SecurityGroups.Evaluation;

/// <summary>What decided the fate of a packet, in the order the evaluator checks.</summary>
public enum DecidedBy
{
    /// <summary>The packet belongs to a connection that was already allowed.</summary>
    Stateful,

    /// <summary>An inbound packet that belongs to no connection and cannot start one.</summary>
    Invalid,

    /// <summary>Loopback traffic, never filtered.</summary>
    Loopback,

    /// <summary>Neighbour discovery or DHCP, which the network needs (<see cref="Effective.InfrastructureTraffic"/>).</summary>
    Infrastructure,

    /// <summary>An interface that is not one of the instance's NICs: no security group applies to it.</summary>
    Unmanaged,

    /// <summary>A NIC without any security group.</summary>
    Unprotected,

    /// <summary>The management allowance for inbound operator access.</summary>
    Management,

    /// <summary>The management allowance for outbound access to the control plane.</summary>
    ControlPlane,

    /// <summary>A security group rule.</summary>
    Rule,

    /// <summary>Access between members of a basic group.</summary>
    IntraGroup,

    /// <summary>The default of the NIC's security groups.</summary>
    Default,
}
