namespace Palisade.TestSupport.Network;

/// <summary>How an <see cref="NftWitness"/> watches its host.</summary>
public sealed record NftWitnessOptions
{
    /// <summary>
    /// Drop every witnessed packet right after recording it (default). Probes then never reach a socket, so the host
    /// sends no SYN-ACK, RST, echo reply or ICMP error, opens no conntrack entry (confirmation comes later, at the
    /// last priority), and never ARPs for spoofed sources: a batch of thousands of probes leaves no trace but the
    /// record. Turn it off to watch real traffic (the host must answer), or scope the witness with <see cref="Match"/>.
    /// Neighbour discovery and MLD are never recorded nor dropped.
    /// </summary>
    public bool DropAfterRecording { get; init; } = true;

    /// <summary>
    /// Priority of the "accepted" chain on the input hook. Later than every conventional chain (filter 0, NAT 100,
    /// security 150), so whatever passed it was accepted by all of the host's other input chains.
    /// </summary>
    public int InputPriority { get; init; } = 1000;

    /// <summary>Priority of the "emitted" chain on the postrouting hook: after every output and postrouting chain.</summary>
    public int PostroutingPriority { get; init; } = 1000;

    /// <summary>
    /// Priority of the "arrived" chain on the interface's netdev ingress hook: the first thing that sees a frame,
    /// before any ingress, prerouting or input chain the test installs.
    /// </summary>
    public int IngressPriority { get; init; } = int.MinValue;

    /// <summary>
    /// Optional nft match that limits which packets are witnessed, e.g. <c>"ip saddr 198.19.0.0/16"</c> or
    /// <c>"meta l4proto udp"</c>. Packets that do not match pass untouched and unrecorded (a family-specific match,
    /// like the first example, leaves the other family unwitnessed).
    /// </summary>
    public string? Match { get; init; }

    /// <summary>Capacity of each record set; a full set records nothing more. Reset between large batches.</summary>
    public int SetSize { get; init; } = 65536;
}
