using Palisade.TestSupport.Packets;

namespace Palisade.TestSupport.Network;

/// <summary>
/// What an <see cref="NftWitness"/> saw, keyed by <see cref="PacketKey"/> with the number of packets per key.
/// </summary>
public sealed class WitnessReport
{
    internal WitnessReport(
        IReadOnlyDictionary<PacketKey, long> arrived,
        IReadOnlyDictionary<PacketKey, long> accepted,
        IReadOnlyDictionary<PacketKey, long> emitted)
    {
        Arrived = arrived;
        Accepted = accepted;
        Emitted = emitted;
    }

    /// <summary>Packets seen on the interface's ingress hook, before any chain of the host.</summary>
    public IReadOnlyDictionary<PacketKey, long> Arrived { get; }

    /// <summary>Packets for this host that got past every input chain with a lower priority than the witness.</summary>
    public IReadOnlyDictionary<PacketKey, long> Accepted { get; }

    /// <summary>Packets leaving this host (generated or forwarded) that got past every output and postrouting chain.</summary>
    public IReadOnlyDictionary<PacketKey, long> Emitted { get; }

    /// <summary>The verdict for a probe sent to this host.</summary>
    public ProbeVerdict JudgeIngress(PacketKey probe) =>
        Accepted.ContainsKey(probe) ? ProbeVerdict.Accepted
        : Arrived.ContainsKey(probe) ? ProbeVerdict.Dropped
        : ProbeVerdict.Lost;

    /// <summary>The verdict for a probe this host sent through its own stack.</summary>
    public ProbeVerdict JudgeEgress(PacketKey probe) =>
        Emitted.ContainsKey(probe) ? ProbeVerdict.Accepted : ProbeVerdict.Dropped;

    /// <summary>Probes among <paramref name="probes"/> that never arrived (should be none; otherwise verdicts are incomplete).</summary>
    public IReadOnlyList<PacketKey> Missing(IEnumerable<PacketKey> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        return [.. probes.Where(p => !Arrived.ContainsKey(p))];
    }

    public override string ToString() => $"arrived {Arrived.Count}, accepted {Accepted.Count}, emitted {Emitted.Count} keys";
}
