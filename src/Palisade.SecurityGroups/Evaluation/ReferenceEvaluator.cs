using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Evaluation;

/// <summary>
/// A deliberately plain re-statement of product.md §1, read straight from an <see cref="InstancePolicy"/>: no
/// effective policy, no entries, no compilation. It exists so that tests can hold <see cref="EffectivePolicyBuilder"/>
/// and <see cref="PolicyEvaluator"/> to the semantics rather than to themselves; it favours obviousness over speed.
/// </summary>
internal sealed class ReferenceEvaluator(InstancePolicy policy, ManagementAllowance? allowance = null)
{
    private readonly ManagementAllowance _allowance = allowance ?? ManagementAllowance.None;

    public ReferenceDecision Evaluate(PacketQuery packet)
    {
        if (packet.State == ConnectionState.Established)
        {
            return new(Verdict.Accept, DecidedBy.Stateful);
        }

        if (packet.State == ConnectionState.Invalid && packet.Direction == Direction.Ingress)
        {
            return new(Verdict.Drop, DecidedBy.Invalid);
        }

        if (packet.DeviceName == "lo")
        {
            return new(Verdict.Accept, DecidedBy.Loopback);
        }

        if (IsNeighbourDiscoveryOrDhcp(packet))
        {
            return new(Verdict.Accept, DecidedBy.Infrastructure);
        }

        var nic = packet.DeviceName is null
            ? policy.Nics.FirstOrDefault()
            : policy.Nics.FirstOrDefault(n => n.DeviceName == packet.DeviceName);
        if (nic is null)
        {
            return new(Verdict.Accept, DecidedBy.Unmanaged);
        }

        var groups = new List<SecurityGroup>();
        foreach (var id in nic.SecurityGroupIds)
        {
            var group = policy.SecurityGroups.FirstOrDefault(g => g.SecurityGroupId == id);
            if (group is not null && !groups.Contains(group))
            {
                groups.Add(group);
            }
        }

        if (groups.Count == 0)
        {
            return new(Verdict.Accept, DecidedBy.Unprotected);
        }

        if (IsManagementTraffic(packet))
        {
            return new(Verdict.Accept, packet.Direction == Direction.Ingress ? DecidedBy.Management : DecidedBy.ControlPlane);
        }

        // Pool the rules of every attached group that apply to this NIC and direction, and take them in order.
        var pooled = new List<SecurityGroupRule>();
        foreach (var group in groups)
        {
            pooled.AddRange(group.Rules.Where(r => r.Direction == packet.Direction && r.NicType == nic.NicType));
        }

        pooled.Sort(CompareRules);
        foreach (var rule in pooled)
        {
            if (RuleMatches(rule, packet))
            {
                var verdict = rule.Policy == RulePolicy.Accept ? Verdict.Accept : Verdict.Drop;
                return new(verdict, DecidedBy.Rule, rule.SecurityGroupRuleId, rule.SecurityGroupId);
            }
        }

        if (packet.Direction == Direction.Ingress)
        {
            // Members of a basic group reach each other, unless its intra-group policy is Drop.
            foreach (var group in groups)
            {
                if (group.SecurityGroupType == SecurityGroupType.Normal && group.InnerAccessPolicy == InnerAccessPolicy.Accept
                    && MemberAddresses(group.SecurityGroupId).Any(a => a.Contains(packet.Family, packet.Source)))
                {
                    return new(Verdict.Accept, DecidedBy.IntraGroup, null, group.SecurityGroupId);
                }
            }

            return new(Verdict.Drop, DecidedBy.Default);
        }

        var anyEnterprise = groups.Any(g => g.SecurityGroupType == SecurityGroupType.Enterprise);
        return new(anyEnterprise ? Verdict.Drop : Verdict.Accept, DecidedBy.Default);
    }

    /// <summary>Priority ascending; at equal priority drop first; then older first; then by id.</summary>
    private static int CompareRules(SecurityGroupRule a, SecurityGroupRule b)
    {
        if (a.Priority != b.Priority)
        {
            return a.Priority < b.Priority ? -1 : 1;
        }

        if (a.Policy != b.Policy)
        {
            return a.Policy == RulePolicy.Drop ? -1 : 1;
        }

        if (a.CreationTime != b.CreationTime)
        {
            return a.CreationTime < b.CreationTime ? -1 : 1;
        }

        return string.CompareOrdinal(a.SecurityGroupRuleId, b.SecurityGroupRuleId);
    }

    private bool RuleMatches(SecurityGroupRule rule, PacketQuery packet)
    {
        var protocolMatches = rule.IpProtocol switch
        {
            IpProtocol.Tcp => packet.Protocol == 6,
            IpProtocol.Udp => packet.Protocol == 17,
            IpProtocol.Icmp => packet.Protocol == 1 && packet.Family == IpFamily.IPv4,
            IpProtocol.Icmpv6 => packet.Protocol == 58 && packet.Family == IpFamily.IPv6,
            IpProtocol.Gre => packet.Protocol == 47,
            _ => true,
        };
        if (!protocolMatches)
        {
            return false;
        }

        // Port ranges only mean something for tcp and udp rules.
        if (rule.IpProtocol is IpProtocol.Tcp or IpProtocol.Udp)
        {
            if (!rule.PortRange.Contains(packet.DestinationPort))
            {
                return false;
            }

            if (rule.SourcePortRange is { } sourcePorts && !sourcePorts.Contains(packet.SourcePort))
            {
                return false;
            }
        }

        var ingress = packet.Direction == Direction.Ingress;
        var peerAddress = ingress ? packet.Source : packet.Destination;
        var localAddress = ingress ? packet.Destination : packet.Source;
        if (rule.LocalCidr is { } local && !local.Contains(packet.Family, localAddress))
        {
            return false;
        }

        var peerBlocks = rule.Peer.Kind switch
        {
            RulePeerKind.Cidr => rule.Peer.Cidr is { } cidr ? [cidr] : [],
            RulePeerKind.SecurityGroup => MemberAddresses(rule.Peer.ReferenceId),
            _ => PrefixListEntries(rule.Peer.ReferenceId),
        };
        return peerBlocks.Any(block => block.Contains(packet.Family, peerAddress));
    }

    private IReadOnlyList<Cidr> MemberAddresses(string? securityGroupId) =>
        securityGroupId is not null && policy.GroupMemberAddresses.TryGetValue(securityGroupId, out var members)
            ? members
            : [];

    private IReadOnlyList<Cidr> PrefixListEntries(string? prefixListId) =>
        policy.PrefixLists.FirstOrDefault(p => p.PrefixListId == prefixListId)?.Entries ?? [];

    private bool IsManagementTraffic(PacketQuery packet)
    {
        if (packet.Protocol != 6)
        {
            return false;
        }

        if (packet.Direction == Direction.Ingress)
        {
            var source = packet.Source;
            var family = packet.Family;
            var fromOperator = _allowance.Sources.Any(s => s.Contains(family, source))
                || _allowance.ControlPlane.Any(c => c.Address.Contains(family, source));
            return fromOperator && _allowance.TcpPorts.Contains(packet.DestinationPort);
        }

        foreach (var endpoint in _allowance.ControlPlane)
        {
            if (endpoint.Address.Contains(packet.Family, packet.Destination) && endpoint.Port == packet.DestinationPort)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>ICMPv6 types 133–137 (RS, RA, NS, NA, redirect) and DHCP/DHCPv6 client traffic, per RFC 4861 and RFC 2131/8415.</summary>
    private static bool IsNeighbourDiscoveryOrDhcp(PacketQuery packet)
    {
        if (packet.Family == IpFamily.IPv6 && packet.Protocol == 58)
        {
            return packet.IcmpType >= 133 && packet.IcmpType <= 137;
        }

        if (packet.Protocol != 17)
        {
            return false;
        }

        var ingress = packet.Direction == Direction.Ingress;
        var (serverPort, clientPort) = packet.Family == IpFamily.IPv4 ? (67, 68) : (547, 546);
        return ingress
            ? packet.SourcePort == serverPort && packet.DestinationPort == clientPort
            : packet.SourcePort == clientPort && packet.DestinationPort == serverPort;
    }
}
