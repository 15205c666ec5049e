using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Effective;

/// <summary>
/// Turns an instance's groups, rules and references into ordered entries per NIC and direction, following
/// product.md §1: rules of all groups on the NIC pooled and sorted (<see cref="RuleOrder"/>), first match
/// decides; then intra-group access of basic groups; then the default of the group type. Management access
/// comes before every rule so that no rule can lock the operator or the agent out.
/// </summary>
/// <remarks>
/// This is the one place that states the semantics; the evaluator, the analysis and the nftables compiler all
/// work from its output, and the differential test checks that the kernel agrees with the evaluator.
/// </remarks>
public static class EffectivePolicyBuilder
{
    private static readonly IpFamily[] Families = [IpFamily.IPv4, IpFamily.IPv6];

    public static EffectivePolicy Build(InstancePolicy policy, ManagementAllowance? allowance = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        allowance ??= ManagementAllowance.None;
        var groups = policy.SecurityGroups.ToDictionary(g => g.SecurityGroupId, StringComparer.Ordinal);
        var prefixLists = policy.PrefixLists.ToDictionary(p => p.PrefixListId, StringComparer.Ordinal);
        var resolver = new PeerResolver(policy.GroupMemberAddresses, prefixLists);

        var nics = ImmutableArray.CreateBuilder<NicEffectivePolicy>(policy.Nics.Length);
        foreach (var nic in policy.Nics)
        {
            nics.Add(BuildNic(nic, groups, resolver, allowance));
        }

        return new EffectivePolicy { InstanceId = policy.InstanceId, Revision = policy.Revision, Nics = nics.MoveToImmutable() };
    }

    private static NicEffectivePolicy BuildNic(
        NicPolicy nic, Dictionary<string, SecurityGroup> groups, PeerResolver resolver, ManagementAllowance allowance)
    {
        var attached = nic.SecurityGroupIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => groups.GetValueOrDefault(id))
            .OfType<SecurityGroup>()
            .ToImmutableArray();
        if (attached.IsEmpty)
        {
            return new NicEffectivePolicy { Nic = nic };
        }

        var ingressRules = PooledRules(attached, nic.NicType, Direction.Ingress);
        var egressRules = PooledRules(attached, nic.NicType, Direction.Egress);
        return new NicEffectivePolicy
        {
            Nic = nic,
            SecurityGroups = attached,
            IngressRules = ingressRules,
            EgressRules = egressRules,
            Ingress = BuildIngress(attached, ingressRules, resolver, allowance),
            Egress = BuildEgress(attached, egressRules, resolver, allowance),
        };
    }

    private static ImmutableArray<SecurityGroupRule> PooledRules(
        ImmutableArray<SecurityGroup> attached, NicType nicType, Direction direction) =>
        attached.SelectMany(g => g.Rules)
            .Where(r => r.Direction == direction && r.NicType == nicType)
            .Order(RuleOrder.Instance)
            .ToImmutableArray();

    private static ImmutableArray<PolicyEntry> BuildIngress(
        ImmutableArray<SecurityGroup> attached, ImmutableArray<SecurityGroupRule> rules, PeerResolver resolver,
        ManagementAllowance allowance)
    {
        var entries = ImmutableArray.CreateBuilder<PolicyEntry>();
        var managementSources = allowance.Sources.Concat(allowance.ControlPlane.Select(c => c.Address)).Distinct();
        foreach (var source in managementSources)
        {
            foreach (var port in allowance.TcpPorts.Distinct())
            {
                entries.Add(new PolicyEntry
                {
                    Kind = EntryKind.Management, Verdict = Verdict.Accept, Family = source.Family,
                    ProtocolLow = IpProtocols.TcpNumber, ProtocolHigh = IpProtocols.TcpNumber,
                    Source = source, Destination = AnyOf(source.Family),
                    DestinationPortLow = (ushort)port, DestinationPortHigh = (ushort)port,
                });
            }
        }

        AddRuleEntries(entries, rules, resolver);

        // Intra-group access: from any member of a basic group with policy Accept that this NIC belongs to.
        var memberSources = attached.Where(g => g.AllowsIntraGroupTraffic)
            .SelectMany(g => resolver.GroupMembers(g.SecurityGroupId).Select(address => (Group: g.SecurityGroupId, Address: address)))
            .DistinctBy(m => m.Address);
        foreach (var (groupId, address) in memberSources)
        {
            entries.Add(new PolicyEntry
            {
                Kind = EntryKind.IntraGroup, Verdict = Verdict.Accept, Family = address.Family,
                Source = address, Destination = AnyOf(address.Family), SecurityGroupId = groupId,
            });
        }

        AddDefaults(entries, Verdict.Drop);
        return entries.ToImmutable();
    }

    private static ImmutableArray<PolicyEntry> BuildEgress(
        ImmutableArray<SecurityGroup> attached, ImmutableArray<SecurityGroupRule> rules, PeerResolver resolver,
        ManagementAllowance allowance)
    {
        var entries = ImmutableArray.CreateBuilder<PolicyEntry>();
        foreach (var endpoint in allowance.ControlPlane.Distinct())
        {
            entries.Add(new PolicyEntry
            {
                Kind = EntryKind.ControlPlane, Verdict = Verdict.Accept, Family = endpoint.Address.Family,
                ProtocolLow = IpProtocols.TcpNumber, ProtocolHigh = IpProtocols.TcpNumber,
                Source = AnyOf(endpoint.Address.Family), Destination = endpoint.Address,
                DestinationPortLow = (ushort)endpoint.Port, DestinationPortHigh = (ushort)endpoint.Port,
            });
        }

        AddRuleEntries(entries, rules, resolver);

        // Basic groups allow outbound traffic by default; an enterprise group denies it.
        var allBasic = attached.All(g => g.SecurityGroupType == SecurityGroupType.Normal);
        AddDefaults(entries, allBasic ? Verdict.Accept : Verdict.Drop);
        return entries.ToImmutable();
    }

    private static void AddRuleEntries(
        ImmutableArray<PolicyEntry>.Builder entries, ImmutableArray<SecurityGroupRule> rules, PeerResolver resolver)
    {
        foreach (var rule in rules)
        {
            var (protocolLow, protocolHigh) = ProtocolSpan(rule.IpProtocol);
            var hasPorts = rule.IpProtocol.HasPorts();
            var destinationPorts = hasPorts ? rule.PortRange : PortRange.Any;
            var sourcePorts = hasPorts ? rule.SourcePortRange ?? PortRange.Any : PortRange.Any;
            foreach (var peer in resolver.Resolve(rule.Peer))
            {
                if (!ProtocolFitsFamily(rule.IpProtocol, peer.Family)
                    || (rule.LocalCidr is { } local && local.Family != peer.Family))
                {
                    continue;
                }

                var localSide = rule.LocalCidr ?? AnyOf(peer.Family);
                var ingress = rule.Direction == Direction.Ingress;
                entries.Add(new PolicyEntry
                {
                    Kind = EntryKind.Rule,
                    Verdict = rule.Policy == RulePolicy.Accept ? Verdict.Accept : Verdict.Drop,
                    Family = peer.Family,
                    ProtocolLow = protocolLow,
                    ProtocolHigh = protocolHigh,
                    Source = ingress ? peer : localSide,
                    Destination = ingress ? localSide : peer,
                    SourcePortLow = sourcePorts.Low,
                    SourcePortHigh = sourcePorts.High,
                    DestinationPortLow = destinationPorts.Low,
                    DestinationPortHigh = destinationPorts.High,
                    SecurityGroupRuleId = rule.SecurityGroupRuleId,
                    SecurityGroupId = rule.SecurityGroupId,
                    Priority = rule.Priority,
                });
            }
        }
    }

    private static void AddDefaults(ImmutableArray<PolicyEntry>.Builder entries, Verdict verdict)
    {
        foreach (var family in Families)
        {
            entries.Add(new PolicyEntry
            {
                Kind = EntryKind.Default, Verdict = verdict, Family = family,
                Source = AnyOf(family), Destination = AnyOf(family),
            });
        }
    }

    internal static (byte Low, byte High) ProtocolSpan(IpProtocol protocol) => protocol switch
    {
        IpProtocol.Tcp => (IpProtocols.TcpNumber, IpProtocols.TcpNumber),
        IpProtocol.Udp => (IpProtocols.UdpNumber, IpProtocols.UdpNumber),
        IpProtocol.Icmp => (IpProtocols.IcmpNumber, IpProtocols.IcmpNumber),
        IpProtocol.Icmpv6 => (IpProtocols.Icmpv6Number, IpProtocols.Icmpv6Number),
        IpProtocol.Gre => (IpProtocols.GreNumber, IpProtocols.GreNumber),
        _ => (0, byte.MaxValue),
    };

    internal static bool ProtocolFitsFamily(IpProtocol protocol, IpFamily family) => protocol switch
    {
        IpProtocol.Icmp => family == IpFamily.IPv4,
        IpProtocol.Icmpv6 => family == IpFamily.IPv6,
        _ => true,
    };

    private static Cidr AnyOf(IpFamily family) => family == IpFamily.IPv4 ? Cidr.AnyIPv4 : Cidr.AnyIPv6;
}
