namespace Palisade.TestSupport.Network;

/// <summary>What happened to one probe, as judged by <see cref="WitnessReport"/>.</summary>
public enum ProbeVerdict
{
    /// <summary>Got past every chain before the witness.</summary>
    Accepted,

    /// <summary>
    /// Ingress: arrived on the interface but never got past the input chains: a firewall drop, or the stack refused
    /// it (frame to another MAC, destination not local, bad IP header). Egress: never got past output/postrouting.
    /// </summary>
    Dropped,

    /// <summary>Never arrived on the receiver's interface: lost on the way, so no verdict about the firewall.</summary>
    Lost,
}
