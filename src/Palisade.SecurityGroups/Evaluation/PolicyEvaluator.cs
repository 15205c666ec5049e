using System.Collections.Immutable;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// Answers, for a packet arriving at or leaving an instance, accept or drop and what decided. Built once from an
/// <see cref="EffectivePolicy"/>: every NIC's entry lists are compiled into <see cref="PacketClassifier"/>s, after
/// which the evaluator is immutable, thread-safe and allocation-free per packet.
/// </summary>
/// <remarks>
/// Checks in order: established connection → accept; invalid inbound → drop (an invalid outbound packet goes on to
/// the rules, as the kernel ruleset does); loopback → accept; neighbour discovery / DHCP → accept; an interface
/// that is not a NIC of the instance → accept; a NIC without groups → accept; otherwise the first matching entry
/// of the NIC's list for the direction. A query without a device name is taken to cross the primary (first) NIC.
/// </remarks>
public sealed class PolicyEvaluator
{
    private const string LoopbackDevice = "lo";

    private readonly CompiledNic[] _nics;

    public PolicyEvaluator(EffectivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        _nics = [.. policy.Nics.Select(n => new CompiledNic(n))];
    }

    public EffectivePolicy Policy { get; }

    /// <summary>Builds the effective policy of <paramref name="policy"/> and compiles it.</summary>
    public static PolicyEvaluator Create(InstancePolicy policy, ManagementAllowance? allowance = null) =>
        new(EffectivePolicyBuilder.Build(policy, allowance));

    public Decision Evaluate(in PacketQuery packet)
    {
        var direction = packet.Direction;
        if (packet.State == ConnectionState.Established)
        {
            return new Decision(Verdict.Accept, DecidedBy.Stateful, null, direction, packet.DeviceName);
        }

        if (packet.State == ConnectionState.Invalid && direction == Direction.Ingress)
        {
            return new Decision(Verdict.Drop, DecidedBy.Invalid, null, direction, packet.DeviceName);
        }

        if (string.Equals(packet.DeviceName, LoopbackDevice, StringComparison.Ordinal))
        {
            return new Decision(Verdict.Accept, DecidedBy.Loopback, null, direction, packet.DeviceName);
        }

        if (InfrastructureTraffic.IsAllowed(packet))
        {
            return new Decision(Verdict.Accept, DecidedBy.Infrastructure, null, direction, packet.DeviceName);
        }

        var nic = FindNic(packet.DeviceName);
        if (nic is null)
        {
            return new Decision(Verdict.Accept, DecidedBy.Unmanaged, null, direction, packet.DeviceName);
        }

        var deviceName = nic.Policy.Nic.DeviceName;
        if (!nic.Policy.IsProtected)
        {
            return new Decision(Verdict.Accept, DecidedBy.Unprotected, null, direction, deviceName);
        }

        var list = direction == Direction.Ingress ? nic.Ingress : nic.Egress;
        var index = list.Classifier.FindFirstMatch(packet);

        // The builder ends every protected list with defaults for both families, so this only happens with a policy
        // assembled by hand; failing closed is the safe reading of "nothing allowed it".
        return index < 0
            ? new Decision(Verdict.Drop, DecidedBy.Default, null, direction, deviceName)
            : new Decision(list.Verdicts[index], list.DecidedBy[index], list.Classifier.Entries[index], direction, deviceName);
    }

    private CompiledNic? FindNic(string? deviceName)
    {
        var nics = _nics;
        if (deviceName is null)
        {
            return nics.Length == 0 ? null : nics[0];
        }

        foreach (var nic in nics)
        {
            if (string.Equals(nic.Policy.Nic.DeviceName, deviceName, StringComparison.Ordinal))
            {
                return nic;
            }
        }

        return null;
    }

    private static DecidedBy ToDecidedBy(EntryKind kind) => kind switch
    {
        EntryKind.Management => DecidedBy.Management,
        EntryKind.ControlPlane => DecidedBy.ControlPlane,
        EntryKind.Rule => DecidedBy.Rule,
        EntryKind.IntraGroup => DecidedBy.IntraGroup,
        _ => DecidedBy.Default,
    };

    private sealed class CompiledNic(NicEffectivePolicy policy)
    {
        public NicEffectivePolicy Policy { get; } = policy;

        public CompiledList Ingress { get; } = new(policy.Ingress);

        public CompiledList Egress { get; } = new(policy.Egress);
    }

    /// <summary>
    /// One direction's entries compiled, with each entry's verdict and reason copied into arrays: on large lists the
    /// entry objects are scattered over the heap, and reading them would cost a cache miss per packet.
    /// </summary>
    private sealed class CompiledList(ImmutableArray<PolicyEntry> entries)
    {
        public PacketClassifier Classifier { get; } = new(entries);

        public Verdict[] Verdicts { get; } = [.. entries.Select(e => e.Verdict)];

        public DecidedBy[] DecidedBy { get; } = [.. entries.Select(e => ToDecidedBy(e.Kind))];
    }
}
