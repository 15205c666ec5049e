using System.Collections.Immutable;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Tests.Evaluation;

/// <summary>
/// Random rule sets, entry lists and packets for the property tests, from a small address universe so that blocks
/// overlap, nest and touch, and packets land on, inside and just outside them. Deterministic for a seed.
/// </summary>
internal sealed class RandomPolicies(int seed)
{
    private static readonly UInt128[] Ipv4Bases = [V4(10, 0, 0, 0), V4(10, 0, 1, 0), V4(10, 1, 0, 0), V4(192, 0, 2, 0)];
    private static readonly UInt128[] Ipv6Bases =
    [
        Cidr.Parse("2001:db8::/128").Network, Cidr.Parse("2001:db8:0:1::/128").Network, Cidr.Parse("2001:db8:1::/128").Network,
    ];

    private static readonly int[] Ipv4Prefixes = [0, 1, 8, 15, 16, 17, 20, 24, 28, 30, 31, 32];
    private static readonly int[] Ipv6Prefixes = [0, 16, 32, 48, 56, 63, 64, 65, 96, 120, 127, 128];
    private static readonly int[] InterestingPorts = [1, 22, 53, 67, 68, 80, 443, 546, 547, 1023, 1024, 2222, 8443, 65534, 65535];
    private static readonly byte[] Protocols = [6, 17, 1, 58, 47, 132, 0, 255];
    private static readonly string[] Devices = ["eth0", "eth0", "eth0", "eth0", "eth0", "eth1", "eth1", "eth1", "lo", "docker0"];

    private readonly Random _random = new(seed);

    public InstancePolicy Policy(out ManagementAllowance allowance)
    {
        var groupCount = _random.Next(1, 5);
        var groups = Enumerable.Range(0, groupCount).Select(g => RandomGroup($"sg-{g}")).ToImmutableArray();

        // Members for every group a rule may name, including sg-4 which no NIC carries, and never for sg-5.
        var members = ImmutableDictionary.CreateBuilder<string, ImmutableArray<Cidr>>();
        for (var g = 0; g < 5; g++)
        {
            members[$"sg-{g}"] = [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Block(RandomFamily()))];
        }

        var prefixLists = Enumerable.Range(0, 2).Select(p => new PrefixList
        {
            PrefixListId = $"pl-{p}",
            Entries = [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Block(RandomFamily()))],
        }).ToImmutableArray();

        var nics = ImmutableArray.CreateBuilder<NicPolicy>();
        for (var n = 0; n < (_random.Next(2) == 0 ? 1 : 2); n++)
        {
            var attached = groups.Select(g => g.SecurityGroupId).Where(_ => _random.Next(3) > 0).ToList();
            if (_random.Next(10) == 0)
            {
                attached.Add("sg-missing");
            }

            nics.Add(new NicPolicy
            {
                NetworkInterfaceId = $"eni-{n}",
                DeviceName = $"eth{n}",
                NicType = _random.Next(2) == 0 ? NicType.Intranet : NicType.Internet,
                SecurityGroupIds = [.. attached.OrderBy(_ => _random.Next())],
            });
        }

        allowance = _random.Next(3) > 0 ? ManagementAllowance.None : new ManagementAllowance
        {
            Sources = [.. Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Block(RandomFamily()))],
            TcpPorts = _random.Next(2) == 0 ? [22] : [22, 2222],
            ControlPlane = _random.Next(2) == 0 ? [] : [new ControlPlaneEndpoint(Block(RandomFamily()), 8443)],
        };

        return new InstancePolicy
        {
            InstanceId = "i-random",
            Nics = nics.ToImmutable(),
            SecurityGroups = groups,
            GroupMemberAddresses = members.ToImmutable(),
            PrefixLists = prefixLists,
        };
    }

    /// <summary>
    /// A packet aimed at the policy: mostly built from one of its rules (on or just past the edges of the rule's
    /// blocks and ports), sometimes at the management allowance, otherwise random.
    /// </summary>
    public PacketQuery Packet(InstancePolicy policy, ManagementAllowance allowance)
    {
        var rules = policy.SecurityGroups.SelectMany(g => g.Rules).ToArray();
        var roll = _random.Next(10);
        if (roll < 6 && rules.Length > 0)
        {
            return PacketFor(rules[_random.Next(rules.Length)], policy);
        }

        if (roll == 6 && (!allowance.Sources.IsEmpty || !allowance.ControlPlane.IsEmpty))
        {
            return PacketForManagement(allowance);
        }

        return Packet();
    }

    public PacketQuery Packet()
    {
        var family = RandomFamily();
        var protocol = Protocols[_random.Next(Protocols.Length)];
        var ports = IpProtocols.HasPorts(protocol) || _random.Next(10) == 0;
        return new PacketQuery(
            _random.Next(2) == 0 ? Direction.Ingress : Direction.Egress,
            family,
            protocol,
            Address(family),
            Address(family),
            ports ? Port() : (ushort)0,
            ports ? Port() : (ushort)0,
            _random.Next(8) == 0 ? null : Devices[_random.Next(Devices.Length)],
            _random.Next(12) switch { 0 => ConnectionState.Established, 1 => ConnectionState.Invalid, _ => ConnectionState.New },
            protocol == IpProtocols.Icmpv6Number ? _random.Next(126, 140) : -1);
    }

    private PacketQuery PacketFor(SecurityGroupRule rule, InstancePolicy policy)
    {
        var peers = rule.Peer.Kind switch
        {
            RulePeerKind.Cidr => [rule.Peer.Cidr!.Value],
            RulePeerKind.SecurityGroup => policy.GroupMemberAddresses.GetValueOrDefault(rule.Peer.ReferenceId!, []),
            _ => policy.PrefixLists.FirstOrDefault(p => p.PrefixListId == rule.Peer.ReferenceId)?.Entries ?? [],
        };
        var peer = peers.IsDefaultOrEmpty ? Block(RandomFamily()) : peers[_random.Next(peers.Length)];
        var family = peer.Family;
        var local = rule.LocalCidr is { } block && block.Family == family ? block : Block(family);
        var max = family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue;
        var protocol = rule.IpProtocol switch
        {
            IpProtocol.Tcp => IpProtocols.TcpNumber,
            IpProtocol.Udp => IpProtocols.UdpNumber,
            IpProtocol.Icmp => IpProtocols.IcmpNumber,
            IpProtocol.Icmpv6 => IpProtocols.Icmpv6Number,
            IpProtocol.Gre => IpProtocols.GreNumber,
            _ => Protocols[_random.Next(Protocols.Length)],
        };
        var destinationPort = rule.PortRange.IsAny ? Port() : (ushort)Near(rule.PortRange.Low, rule.PortRange.High, ushort.MaxValue);
        var sourcePort = rule.SourcePortRange is { } ports ? (ushort)Near(ports.Low, ports.High, ushort.MaxValue) : Port();
        var peerAddress = Near(peer.Network, peer.Last, max);
        var localAddress = Near(local.Network, local.Last, max);
        var ingress = rule.Direction == Direction.Ingress;
        var nic = policy.Nics.FirstOrDefault(n => n.SecurityGroupIds.Contains(rule.SecurityGroupId) && _random.Next(4) > 0);
        return new PacketQuery(
            rule.Direction, family, protocol,
            ingress ? peerAddress : localAddress, ingress ? localAddress : peerAddress,
            IpProtocols.HasPorts(protocol) ? sourcePort : (ushort)0,
            IpProtocols.HasPorts(protocol) ? destinationPort : (ushort)0,
            nic?.DeviceName ?? Devices[_random.Next(Devices.Length)],
            _random.Next(30) == 0 ? ConnectionState.Invalid : ConnectionState.New,
            protocol == IpProtocols.Icmpv6Number ? 128 : -1);
    }

    private PacketQuery PacketForManagement(ManagementAllowance allowance)
    {
        var inbound = !allowance.Sources.IsEmpty && (allowance.ControlPlane.IsEmpty || _random.Next(2) == 0);
        var block = inbound ? allowance.Sources[_random.Next(allowance.Sources.Length)] : allowance.ControlPlane[0].Address;
        var max = block.Family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue;
        var port = inbound ? allowance.TcpPorts[_random.Next(allowance.TcpPorts.Length)] : allowance.ControlPlane[0].Port;
        var far = Near(block.Network, block.Last, max);
        var near = Address(block.Family);
        return new PacketQuery(
            inbound ? Direction.Ingress : Direction.Egress, block.Family,
            _random.Next(5) == 0 ? IpProtocols.UdpNumber : IpProtocols.TcpNumber,
            inbound ? far : near, inbound ? near : far,
            Port(), _random.Next(4) == 0 ? Port() : (ushort)port,
            _random.Next(3) == 0 ? null : "eth0");
    }

    /// <summary>An ordered list of entries of both families with random boxes, and a few catch-alls.</summary>
    public ImmutableArray<PolicyEntry> Entries(int count)
    {
        var entries = ImmutableArray.CreateBuilder<PolicyEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var family = RandomFamily();
            var (protocolLow, protocolHigh) = _random.Next(6) switch
            {
                0 => ((byte)0, byte.MaxValue),
                1 => ((byte)_random.Next(0, 40), (byte)_random.Next(40, 256)),
                _ => (Protocols[_random.Next(Protocols.Length)], (byte)0),
            };
            protocolHigh = Math.Max(protocolHigh, protocolLow);
            var (sourcePortLow, sourcePortHigh) = PortSpan();
            var (destinationPortLow, destinationPortHigh) = PortSpan();
            entries.Add(new PolicyEntry
            {
                Kind = EntryKind.Rule,
                Verdict = _random.Next(2) == 0 ? Verdict.Accept : Verdict.Drop,
                Family = family,
                ProtocolLow = protocolLow,
                ProtocolHigh = protocolHigh,
                Source = Block(family),
                Destination = Block(family),
                SourcePortLow = sourcePortLow,
                SourcePortHigh = sourcePortHigh,
                DestinationPortLow = destinationPortLow,
                DestinationPortHigh = destinationPortHigh,
                SecurityGroupRuleId = $"e{i}",
            });
        }

        return entries.MoveToImmutable();
    }

    /// <summary>A packet of the list's universe: half the time on a corner, or one past a corner, of a random entry.</summary>
    public PacketQuery PacketNear(ImmutableArray<PolicyEntry> entries)
    {
        if (entries.IsEmpty || _random.Next(2) == 0)
        {
            return Packet();
        }

        var entry = entries[_random.Next(entries.Length)];
        return new PacketQuery(
            Direction.Ingress, entry.Family,
            (byte)Near(entry.ProtocolLow, entry.ProtocolHigh, byte.MaxValue),
            Near(entry.Source.Network, entry.Source.Last, entry.Family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue),
            Near(entry.Destination.Network, entry.Destination.Last, entry.Family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue),
            (ushort)Near(entry.SourcePortLow, entry.SourcePortHigh, ushort.MaxValue),
            (ushort)Near(entry.DestinationPortLow, entry.DestinationPortHigh, ushort.MaxValue));
    }

    private SecurityGroup RandomGroup(string id)
    {
        var ties = _random.Next(2) == 0;
        var rules = Enumerable.Range(0, _random.Next(0, 11)).Select(i => RandomRule($"sgr-{id}-{i}", id, ties)).ToImmutableArray();
        return new SecurityGroup
        {
            SecurityGroupId = id,
            SecurityGroupType = _random.Next(4) == 0 ? SecurityGroupType.Enterprise : SecurityGroupType.Normal,
            InnerAccessPolicy = _random.Next(3) == 0 ? InnerAccessPolicy.Drop : InnerAccessPolicy.Accept,
            Rules = rules,
        };
    }

    private SecurityGroupRule RandomRule(string id, string groupId, bool ties)
    {
        var protocol = (IpProtocol)_random.Next(6);
        var hasPorts = protocol.HasPorts();
        var peer = _random.Next(10) switch
        {
            < 6 => RulePeer.ForCidr(Block(PeerFamily(protocol))),
            < 8 => RulePeer.ForGroup($"sg-{_random.Next(6)}"),
            _ => RulePeer.ForPrefixList($"pl-{_random.Next(3)}"),
        };
        return new SecurityGroupRule
        {
            SecurityGroupRuleId = id,
            SecurityGroupId = groupId,
            Direction = _random.Next(2) == 0 ? Direction.Ingress : Direction.Egress,
            Policy = _random.Next(2) == 0 ? RulePolicy.Accept : RulePolicy.Drop,
            Priority = ties ? _random.Next(1, 4) : _random.Next(1, 101),
            IpProtocol = protocol,
            PortRange = hasPorts ? Ports() : PortRange.Any,
            SourcePortRange = hasPorts && _random.Next(4) == 0 ? Ports() : null,
            Peer = peer,
            LocalCidr = _random.Next(5) == 0 ? Block(RandomFamily()) : null,
            NicType = _random.Next(2) == 0 ? NicType.Intranet : NicType.Internet,
            CreationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_random.Next(0, 4)),
        };
    }

    private IpFamily PeerFamily(IpProtocol protocol) => protocol switch
    {
        IpProtocol.Icmp when _random.Next(8) > 0 => IpFamily.IPv4,
        IpProtocol.Icmpv6 when _random.Next(8) > 0 => IpFamily.IPv6,
        _ => RandomFamily(),
    };

    private IpFamily RandomFamily() => _random.Next(3) == 0 ? IpFamily.IPv6 : IpFamily.IPv4;

    private Cidr Block(IpFamily family)
    {
        var prefixes = family == IpFamily.IPv4 ? Ipv4Prefixes : Ipv6Prefixes;
        return Cidr.Create(family, Address(family), prefixes[_random.Next(prefixes.Length)]);
    }

    private UInt128 Address(IpFamily family)
    {
        if (_random.Next(10) == 0)
        {
            return family == IpFamily.IPv4
                ? (UInt128)(uint)_random.NextInt64(0, 1L << 32)
                : new UInt128((ulong)_random.NextInt64(), (ulong)_random.NextInt64());
        }

        return family == IpFamily.IPv4
            ? Ipv4Bases[_random.Next(Ipv4Bases.Length)] + (uint)_random.Next(0, 512)
            : Ipv6Bases[_random.Next(Ipv6Bases.Length)] + (UInt128)(ulong)_random.Next(0, 512) + ((UInt128)(ulong)_random.Next(0, 3) << 64);
    }

    private PortRange Ports()
    {
        var a = Port();
        var b = _random.Next(3) == 0 ? a : Port();
        return PortRange.Create(Math.Max((ushort)1, Math.Min(a, b)), Math.Max((ushort)1, Math.Max(a, b)));
    }

    private ushort Port() => _random.Next(3) == 0 ? (ushort)_random.Next(0, 65536) : (ushort)InterestingPorts[_random.Next(InterestingPorts.Length)];

    private (ushort Low, ushort High) PortSpan()
    {
        if (_random.Next(3) == 0)
        {
            return (0, ushort.MaxValue);
        }

        var a = Port();
        var b = _random.Next(2) == 0 ? a : Port();
        return (Math.Min(a, b), Math.Max(a, b));
    }

    private UInt128 Near(UInt128 low, UInt128 high, UInt128 max) => _random.Next(6) switch
    {
        0 => low,
        1 => high,
        2 => low == UInt128.Zero ? low : low - 1,
        3 => high == max ? high : high + 1,
        _ => low + ((high - low) / 2),
    };

    private static UInt128 V4(int a, int b, int c, int d) => (uint)((a << 24) | (b << 16) | (c << 8) | d);
}
