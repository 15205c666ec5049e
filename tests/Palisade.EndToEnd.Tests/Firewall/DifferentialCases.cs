using System.Collections.Immutable;
using System.Net;
using Palisade.Core;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using Palisade.TestSupport.Packets;

namespace Palisade.EndToEnd.Tests.Firewall;

/// <summary>One probe: the packet to send, how the witness will know it, and what the evaluator is asked.</summary>
internal sealed record DifferentialProbe(PacketQuery Query, byte[] Packet, PacketKey Key);

/// <summary>
/// Random policies and probes for the differential test, drawn from a small universe inside the lab ranges so that
/// blocks overlap, nest and touch and probes land on, inside and just outside them. Every probe is one the lab can
/// deliver: inbound probes come from a valid source (inside the lab ranges, never one of the instance's own
/// addresses, a network or broadcast address) to an address of the instance; outbound probes leave the instance
/// for a connected subnet, so they are routed through its output hook. Deterministic for a seed.
/// </summary>
internal sealed class DifferentialCases(int seed)
{
    public const string DeviceName = "eth0";

    /// <summary>The instance's addresses beyond the lab's primary ones, with their prefix (each adds a connected subnet).</summary>
    public static readonly string[] ExtraInstanceAddresses = ["198.18.0.77/24", "198.18.1.9/24", "198.19.0.5/24", "2001:2::77/64", "2001:2:0:1::9/64"];

    private static readonly Cidr[] ConnectedV4 = [Cidr.Parse("198.18.0.0/24"), Cidr.Parse("198.18.1.0/24"), Cidr.Parse("198.19.0.0/24")];
    private static readonly Cidr[] ConnectedV6 = [Cidr.Parse("2001:2::/64"), Cidr.Parse("2001:2:0:1::/64")];
    private static readonly Cidr LabV4 = Cidr.Parse("198.18.0.0/15");
    private static readonly Cidr LabV6 = Cidr.Parse("2001:2::/48");
    private static readonly UInt128[] V4Bases = [Cidr.Parse("198.18.0.0").Network, Cidr.Parse("198.18.1.0").Network, Cidr.Parse("198.19.0.0").Network];
    private static readonly UInt128[] V6Bases = [Cidr.Parse("2001:2::").Network, Cidr.Parse("2001:2:0:1::").Network, Cidr.Parse("2001:2:1::").Network];
    private static readonly int[] V4Prefixes = [0, 8, 15, 16, 23, 24, 25, 28, 30, 31, 32, 32];
    private static readonly int[] V6Prefixes = [0, 32, 48, 63, 64, 65, 96, 120, 127, 128, 128];
    private static readonly int[] InterestingPorts = [1, 22, 53, 67, 68, 80, 443, 546, 547, 1023, 1024, 8080, 65534, 65535];

    /// <summary>Protocols probes use besides the rule's own: 253 is "experimental", tracked by generic conntrack.</summary>
    private static readonly byte[] Protocols = [6, 17, 47, 253];

    private readonly Random _random = new(seed);
    private ushort _echoId;

    public IReadOnlyList<IPAddress> InstanceV4 { get; init; } = [];

    public IReadOnlyList<IPAddress> InstanceV6 { get; init; } = [];

    public InstancePolicy Policy(out ManagementAllowance allowance)
    {
        var large = _random.Next(10) == 0;
        var groups = Enumerable.Range(0, _random.Next(1, 4))
            .Select(g => Group($"sg-{g}", large ? _random.Next(60, 250) : _random.Next(0, 25)))
            .ToImmutableArray();
        var members = ImmutableDictionary.CreateBuilder<string, ImmutableArray<Cidr>>();
        for (var g = 0; g < 4; g++)
        {
            members[$"sg-{g}"] = [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Block(RandomFamily()))];
        }

        var local = InstanceV4.Concat(InstanceV6).Select(Cidr.Host).ToImmutableArray();
        allowance = _random.Next(3) > 0 ? ManagementAllowance.None : new ManagementAllowance
        {
            Sources = [.. Enumerable.Range(0, _random.Next(1, 3)).Select(_ => Block(RandomFamily()))],
            TcpPorts = _random.Next(2) == 0 ? [22] : [22, 2222],
            ControlPlane = _random.Next(2) == 0 ? [] : [new ControlPlaneEndpoint(Block(RandomFamily()), 8443)],
        };
        return new InstancePolicy
        {
            InstanceId = "i-differential",
            Nics =
            [
                new NicPolicy
                {
                    NetworkInterfaceId = "eni-0", DeviceName = DeviceName, Addresses = local,
                    SecurityGroupIds = [.. groups.Select(g => g.SecurityGroupId).Where(_ => _random.Next(5) > 0).DefaultIfEmpty("sg-0")],
                },
                new NicPolicy { NetworkInterfaceId = "eni-1", DeviceName = "eth1", SecurityGroupIds = ["sg-0"] },
            ],
            SecurityGroups = groups,
            GroupMemberAddresses = members.ToImmutable(),
            PrefixLists =
            [
                new PrefixList { PrefixListId = "pl-0", Entries = [.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Block(IpFamily.IPv4))] },
                new PrefixList { PrefixListId = "pl-1", AddressFamily = IpFamily.IPv6, Entries = [.. Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Block(IpFamily.IPv6))] },
            ],
        };
    }

    /// <summary>
    /// Probes aimed at the policy: most built from one of its rules (on and just past the edges of its blocks and
    /// ports), some at the management allowance, the rest random. No two share a witness key.
    /// </summary>
    public List<DifferentialProbe> Probes(InstancePolicy policy, ManagementAllowance allowance, int inbound, int outbound)
    {
        var rules = policy.SecurityGroups.SelectMany(g => g.Rules).ToArray();
        var probes = new List<DifferentialProbe>(inbound + outbound);
        var keys = new HashSet<PacketKey>();
        for (var i = 0; i < inbound + outbound; i++)
        {
            var direction = i < inbound ? Direction.Ingress : Direction.Egress;
            for (var attempt = 0; ; attempt++)
            {
                var candidates = rules.Where(r => r.Direction == direction).ToArray();
                var roll = _random.Next(10);
                var probe = roll < 7 && candidates.Length > 0 && attempt < 20
                    ? ForRule(candidates[_random.Next(candidates.Length)], policy, direction)
                    : roll == 7 && attempt < 20 ? ForAllowance(allowance, direction) : null;
                probe ??= Build(direction, RandomFamily(), null, null, null, null, null);
                if (probe is not null && keys.Add(probe.Key))
                {
                    probes.Add(probe);
                    break;
                }
            }
        }

        return probes;
    }

    private SecurityGroup Group(string id, int ruleCount) => new()
    {
        SecurityGroupId = id,
        SecurityGroupType = _random.Next(4) == 0 ? SecurityGroupType.Enterprise : SecurityGroupType.Normal,
        InnerAccessPolicy = _random.Next(3) == 0 ? InnerAccessPolicy.Drop : InnerAccessPolicy.Accept,
        Rules = [.. Enumerable.Range(0, ruleCount).Select(r => Rule($"sgr-{id}-{r}", id))],
    };

    private SecurityGroupRule Rule(string id, string groupId)
    {
        var protocol = (IpProtocol)_random.Next(6);
        var ports = protocol.HasPorts();
        var family = protocol switch { IpProtocol.Icmp => IpFamily.IPv4, IpProtocol.Icmpv6 => IpFamily.IPv6, _ => RandomFamily() };
        var peer = _random.Next(10) switch
        {
            < 7 => RulePeer.ForCidr(Block(family)),
            < 9 => RulePeer.ForGroup($"sg-{_random.Next(5)}"),
            _ => RulePeer.ForPrefixList($"pl-{_random.Next(2)}"),
        };
        return new SecurityGroupRule
        {
            SecurityGroupRuleId = id,
            SecurityGroupId = groupId,
            Direction = _random.Next(2) == 0 ? Direction.Ingress : Direction.Egress,
            Policy = _random.Next(2) == 0 ? RulePolicy.Accept : RulePolicy.Drop,
            Priority = _random.Next(2) == 0 ? _random.Next(1, 4) : _random.Next(1, 101),
            IpProtocol = protocol,
            PortRange = ports ? PortRange() : Core.PortRange.Any,
            SourcePortRange = ports && _random.Next(4) == 0 ? PortRange() : null,
            Peer = peer,
            LocalCidr = _random.Next(5) == 0 ? Block(family) : null,
            NicType = _random.Next(8) == 0 ? NicType.Internet : NicType.Intranet,
            CreationTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(_random.Next(0, 4)),
        };
    }

    private DifferentialProbe? ForRule(SecurityGroupRule rule, InstancePolicy policy, Direction direction)
    {
        ImmutableArray<Cidr> peers = rule.Peer.Kind switch
        {
            RulePeerKind.Cidr => [rule.Peer.Cidr!.Value],
            RulePeerKind.SecurityGroup => policy.GroupMemberAddresses.GetValueOrDefault(rule.Peer.ReferenceId!, []),
            _ => policy.PrefixLists.FirstOrDefault(p => p.PrefixListId == rule.Peer.ReferenceId)?.Entries ?? [],
        };
        if (peers.IsDefaultOrEmpty)
        {
            return null;
        }

        var peer = peers[_random.Next(peers.Length)];
        byte? protocol = rule.IpProtocol switch
        {
            IpProtocol.Tcp => 6,
            IpProtocol.Udp => 17,
            IpProtocol.Icmp or IpProtocol.Icmpv6 => peer.Family == IpFamily.IPv4 ? (byte)1 : (byte)58,
            IpProtocol.Gre => 47,
            _ => null,
        };
        return Build(direction, peer.Family, peer, rule.LocalCidr, protocol, rule.PortRange, rule.SourcePortRange);
    }

    private DifferentialProbe? ForAllowance(ManagementAllowance allowance, Direction direction)
    {
        if (direction == Direction.Ingress && !allowance.Sources.IsEmpty)
        {
            var source = allowance.Sources[_random.Next(allowance.Sources.Length)];
            var port = allowance.TcpPorts[_random.Next(allowance.TcpPorts.Length)];
            return Build(direction, source.Family, source, null, 6, Core.PortRange.Single(port), null);
        }

        if (direction == Direction.Egress && !allowance.ControlPlane.IsEmpty)
        {
            var endpoint = allowance.ControlPlane[0];
            return Build(direction, endpoint.Address.Family, endpoint.Address, null, 6, Core.PortRange.Single(endpoint.Port), null);
        }

        return null;
    }

    /// <summary>A deliverable probe near the given blocks and ports; null when the blocks leave no deliverable address.</summary>
    private DifferentialProbe? Build(
        Direction direction, IpFamily family, Cidr? peer, Cidr? local, byte? protocol, PortRange? ports, PortRange? sourcePorts)
    {
        var ingress = direction == Direction.Ingress;
        var instance = family == IpFamily.IPv4 ? InstanceV4 : InstanceV6;
        UInt128? far = ingress ? ValidSource(family, peer) : ValidDestination(family, peer);
        if (far is null)
        {
            return null;
        }

        UInt128 near;
        if (ingress)
        {
            // Inbound probes must be for one of the instance's addresses; prefer one inside the rule's local block.
            var inside = instance.Select(a => IpAddressNumber.ToNumber(a).Value).Where(a => local?.Contains(family, a) ?? true).ToArray();
            var choices = inside.Length > 0 && _random.Next(4) > 0 ? inside : [.. instance.Select(a => IpAddressNumber.ToNumber(a).Value)];
            near = choices[_random.Next(choices.Length)];
        }
        else
        {
            near = InLab(family, local) ?? RandomIn(family == IpFamily.IPv4 ? LabV4 : LabV6);
        }

        var number = protocol ?? Protocols[_random.Next(Protocols.Length)];
        if (protocol is null && _random.Next(5) == 0)
        {
            number = family == IpFamily.IPv4 ? (byte)1 : (byte)58;
        }

        var (source, destination) = ingress ? (far.Value, near) : (near, far.Value);
        var sourceAddress = IpAddressNumber.ToAddress(family, source);
        var destinationAddress = IpAddressNumber.ToAddress(family, destination);
        var sourcePort = (ushort)(sourcePorts is { } s && _random.Next(3) > 0 ? NearPort(s.Low, s.High) : _random.Next(1024, 65536));
        var destinationPort = (ushort)(ports is { IsAny: false } p ? NearPort(p.Low, p.High) : InterestingPorts[_random.Next(InterestingPorts.Length)]);
        var query = PacketQuery.Create(direction, number, sourceAddress, destinationAddress, sourcePort, destinationPort, DeviceName);
        byte[] packet;
        switch (number)
        {
            case 6:
                packet = PacketCrafter.TcpSyn(sourceAddress, sourcePort, destinationAddress, destinationPort);
                break;
            case 17:
                packet = PacketCrafter.Udp(sourceAddress, sourcePort, destinationAddress, destinationPort);
                break;
            case 1:
                packet = PacketCrafter.IcmpEchoRequest(sourceAddress, destinationAddress, ++_echoId);
                break;
            case 58:
                packet = PacketCrafter.Icmpv6EchoRequest(sourceAddress, destinationAddress, ++_echoId);
                query = query with { IcmpType = 128 };
                break;
            case 47:
                packet = PacketCrafter.Gre(sourceAddress, destinationAddress);
                break;
            default:
                packet = PacketCrafter.IpPacket(sourceAddress, destinationAddress, number);
                break;
        }

        return new DifferentialProbe(query, packet, PacketKey.FromPacket(packet));
    }

    /// <summary>A source the instance's stack accepts from the wire: in the lab, not its own, not a network or broadcast address.</summary>
    private UInt128? ValidSource(IpFamily family, Cidr? block) =>
        Pick(family, block, a => !IsInstanceAddress(family, a) && !IsSubnetEdge(family, a));

    /// <summary>A destination the instance routes out of its NIC: in a connected subnet, not its own, not an edge.</summary>
    private UInt128? ValidDestination(IpFamily family, Cidr? block) =>
        Pick(family, block, a => (family == IpFamily.IPv4 ? ConnectedV4 : ConnectedV6).Any(c => c.Contains(family, a))
            && !IsInstanceAddress(family, a) && !IsSubnetEdge(family, a));

    private UInt128? Pick(IpFamily family, Cidr? block, Func<UInt128, bool> valid)
    {
        var lab = family == IpFamily.IPv4 ? LabV4 : LabV6;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var candidate = block is { } b
                ? attempt < 4 ? Near(b.Network, b.Last, family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue) : RandomIn(b)
                : RandomIn(family == IpFamily.IPv4 ? ConnectedV4[_random.Next(ConnectedV4.Length)] : ConnectedV6[_random.Next(ConnectedV6.Length)]);
            if (attempt >= 8)
            {
                // The block may reach beyond the lab: aim at the part inside it.
                candidate = RandomIn(family == IpFamily.IPv4 ? ConnectedV4[_random.Next(ConnectedV4.Length)] : ConnectedV6[_random.Next(ConnectedV6.Length)]);
                if (block is { } outer && !outer.Contains(family, candidate))
                {
                    continue;
                }
            }

            if (lab.Contains(family, candidate) && valid(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private UInt128? InLab(IpFamily family, Cidr? block)
    {
        var lab = family == IpFamily.IPv4 ? LabV4 : LabV6;
        if (block is not { } b)
        {
            return null;
        }

        var candidate = Near(b.Network, b.Last, family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue);
        return lab.Contains(family, candidate) && candidate != UInt128.Zero ? candidate : null;
    }

    private bool IsInstanceAddress(IpFamily family, UInt128 address) =>
        (family == IpFamily.IPv4 ? InstanceV4 : InstanceV6).Any(a => IpAddressNumber.ToNumber(a).Value == address);

    private static bool IsSubnetEdge(IpFamily family, UInt128 address) => family == IpFamily.IPv4
        ? (address & 0xFF) == 0 || (address & 0xFF) == 0xFF
        : (address & ulong.MaxValue) == 0;

    private Cidr Block(IpFamily family)
    {
        var prefixes = family == IpFamily.IPv4 ? V4Prefixes : V6Prefixes;
        var bases = family == IpFamily.IPv4 ? V4Bases : V6Bases;
        var address = bases[_random.Next(bases.Length)] + (UInt128)(ulong)_random.Next(0, 512);
        return Cidr.Create(family, address, prefixes[_random.Next(prefixes.Length)]);
    }

    private UInt128 RandomIn(Cidr block)
    {
        var span = block.Last - block.Network;
        var offset = span == UInt128.MaxValue ? new UInt128((ulong)_random.NextInt64(), (ulong)_random.NextInt64())
            : new UInt128((ulong)_random.NextInt64(), (ulong)_random.NextInt64()) % (span + 1);
        return block.Network + offset;
    }

    private UInt128 Near(UInt128 low, UInt128 high, UInt128 max) => _random.Next(6) switch
    {
        0 => low,
        1 => high,
        2 => low == UInt128.Zero ? low : low - 1,
        3 => high == max ? high : high + 1,
        4 => low + ((high - low) / 2),
        _ => low + (new UInt128((ulong)_random.NextInt64(), (ulong)_random.NextInt64()) % (high - low == UInt128.MaxValue ? UInt128.MaxValue : high - low + 1)),
    };

    private int NearPort(int low, int high) => (int)Near((UInt128)(uint)low, (UInt128)(uint)high, (UInt128)ushort.MaxValue);

    private PortRange PortRange()
    {
        var a = InterestingPorts[_random.Next(InterestingPorts.Length)];
        var b = _random.Next(3) == 0 ? a : _random.Next(2) == 0 ? InterestingPorts[_random.Next(InterestingPorts.Length)] : _random.Next(1, 65536);
        return Core.PortRange.Create(Math.Min(a, b), Math.Max(a, b));
    }

    private IpFamily RandomFamily() => _random.Next(3) == 0 ? IpFamily.IPv6 : IpFamily.IPv4;
}
