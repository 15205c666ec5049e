namespace Palisade.TestSupport.Network;

/// <summary>How a UDP probe ended (<see cref="LabHost.UdpProbeAsync"/>).</summary>
public enum UdpProbeResult
{
    /// <summary>A datagram came back.</summary>
    Answered,

    /// <summary>ICMP port unreachable came back: the datagram arrived and nothing listens (or nft "reject").</summary>
    Refused,

    /// <summary>Nothing came back in time: dropped, or delivered to a listener that does not answer.</summary>
    NoAnswer,

    /// <summary>Another ICMP error came back (host/net unreachable, admin prohibited).</summary>
    Unreachable,
}
