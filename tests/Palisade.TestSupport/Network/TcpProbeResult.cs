namespace Palisade.TestSupport.Network;

/// <summary>How a TCP connection attempt ended (<see cref="LabHost.TcpConnectAsync"/>).</summary>
public enum TcpProbeResult
{
    /// <summary>The three-way handshake completed.</summary>
    Connected,

    /// <summary>An RST came back: no listener, or nft "reject with tcp reset".</summary>
    Refused,

    /// <summary>Nothing came back in time: the SYN (or the SYN-ACK) was dropped.</summary>
    TimedOut,

    /// <summary>An ICMP error came back (host/net unreachable, admin prohibited): nft "reject with icmp ...".</summary>
    Unreachable,
}
