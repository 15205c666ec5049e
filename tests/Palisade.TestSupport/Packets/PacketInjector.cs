using System.Buffers.Binary;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;
using Palisade.TestSupport.Native;
using Palisade.TestSupport.Network;

namespace Palisade.TestSupport.Packets;

/// <summary>Where an injected packet enters the network.</summary>
public enum InjectionPath
{
    /// <summary>
    /// Straight onto the sender's wire (AF_PACKET): no routing and no netfilter on the sender, any source address.
    /// The receiver sees it arrive on its interface like any frame from the switch.
    /// </summary>
    Link,

    /// <summary>
    /// Through the sender's own IP stack (raw socket with IP_HDRINCL / IPV6_HDRINCL): the packet is routed and passes
    /// the sender's OUTPUT and POSTROUTING hooks, which is what egress filtering tests need.
    /// </summary>
    Stack,
}

/// <summary>
/// Sends crafted IP packets (see <see cref="PacketCrafter"/>) from inside a lab host, with arbitrary (spoofed) source
/// addresses, at thousands of packets per second.
/// </summary>
/// <remarks>
/// <para>The sockets are plain file descriptors from libc, not System.Net.Sockets.Socket: .NET has no endpoint type
/// for sockaddr_ll (interface index + destination MAC + EtherType) and no IPV6_HDRINCL option, and a send loop over a
/// raw fd is as direct as it gets. They are created inside the sender's namespace by the setns thread, like
/// <see cref="LabHost.CreateSocket"/>, and keep that namespace for life.</para>
/// <para>Link path: an AF_PACKET SOCK_DGRAM ("cooked") socket, so the kernel writes the Ethernet header with the
/// sender's MAC and the EtherType we pass; we give the destination MAC (the receiver's, see
/// <see cref="LabHost.MacAddress"/>; a frame to any other MAC is discarded by the receiver as PACKET_OTHERHOST before
/// IP sees it). Its protocol is 0, so it never receives and never queues traffic. A second, SOCK_RAW, socket sends
/// complete Ethernet frames (<see cref="SendFrame"/>).</para>
/// <para>Flow control: veth has no qdisc, so a full receive backlog surfaces as ENOBUFS on the sender; we back off
/// and retry instead of losing the packet. Drops further along (e.g. a backlog overflow in the receiver's softirq)
/// are invisible here, which is why <see cref="NftWitness"/> also records arrivals.</para>
/// </remarks>
public sealed class PacketInjector : IDisposable
{
    private const int SockaddrLlLength = 20;
    private const int MaxRetries = 10_000;
    private const int YieldEvery = 256;

    private readonly FileDescriptor? _cooked;
    private readonly FileDescriptor? _frames;
    private readonly FileDescriptor? _ipv4;
    private readonly FileDescriptor? _ipv6;
    private readonly byte[] _linkAddressIPv4 = new byte[SockaddrLlLength];
    private readonly byte[] _linkAddressIPv6 = new byte[SockaddrLlLength];
    private readonly byte[] _frameAddress = new byte[SockaddrLlLength];
    private long _sent;
    private long _rejected;

    private PacketInjector(LabHost sender, InjectionPath path, FileDescriptor? cooked, FileDescriptor? frames, FileDescriptor? ipv4, FileDescriptor? ipv6)
    {
        Sender = sender;
        Path = path;
        _cooked = cooked;
        _frames = frames;
        _ipv4 = ipv4;
        _ipv6 = ipv6;
    }

    public LabHost Sender { get; }

    public InjectionPath Path { get; }

    /// <summary>Packets the kernel took.</summary>
    public long SentCount => Interlocked.Read(ref _sent);

    /// <summary>Packets a netfilter hook of the sender dropped (<see cref="InjectionPath.Stack"/> only).</summary>
    public long RejectedCount => Interlocked.Read(ref _rejected);

    /// <summary>Injects on the wire of <paramref name="sender"/>, addressed to <paramref name="receiver"/>'s MAC.</summary>
    public static PacketInjector OnLink(LabHost sender, LabHost receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        return OnLink(sender, receiver.MacAddress);
    }

    /// <summary>Injects on the wire of <paramref name="sender"/>, addressed to <paramref name="destinationMac"/>.</summary>
    public static PacketInjector OnLink(LabHost sender, PhysicalAddress destinationMac)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(destinationMac);
        var mac = destinationMac.GetAddressBytes();
        if (mac.Length != 6)
        {
            throw new ArgumentException($"'{destinationMac}' is not a 6-byte Ethernet address", nameof(destinationMac));
        }

        var ifindex = sender.InterfaceIndex;
        var (cooked, frames) = sender.InNamespace(() =>
        {
            var dgram = OpenSocket(LibC.AfPacket, LibC.SockDgram, 0, "AF_PACKET SOCK_DGRAM");
            try
            {
                return (dgram, OpenSocket(LibC.AfPacket, LibC.SockRaw, 0, "AF_PACKET SOCK_RAW"));
            }
            catch
            {
                dgram.Dispose();
                throw;
            }
        });
        var injector = new PacketInjector(sender, InjectionPath.Link, cooked, frames, null, null);
        WriteLinkAddress(injector._linkAddressIPv4, LibC.EthPIp, ifindex, mac);
        WriteLinkAddress(injector._linkAddressIPv6, LibC.EthPIpv6, ifindex, mac);
        WriteLinkAddress(injector._frameAddress, 0, ifindex, mac);
        return injector;
    }

    /// <summary>Injects through <paramref name="sender"/>'s own stack, so packets traverse its OUTPUT and POSTROUTING hooks.</summary>
    public static unsafe PacketInjector ThroughStack(LabHost sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var (ipv4, ipv6) = sender.InNamespace(() =>
        {
            // IPPROTO_RAW implies IP_HDRINCL for IPv4; IPv6 needs IPV6_HDRINCL set explicitly (Linux 4.5+).
            var v4 = OpenSocket(LibC.AfInet, LibC.SockRaw, LibC.IpProtoRaw, "AF_INET SOCK_RAW");
            try
            {
                var v6 = OpenSocket(LibC.AfInet6, LibC.SockRaw, LibC.IpProtoRaw, "AF_INET6 SOCK_RAW");
                var on = 1;
                if (LibC.SetSockOpt(v6.Value, LibC.IpProtoIpv6, LibC.Ipv6HdrIncl, &on, sizeof(int)) != 0)
                {
                    var error = LibC.Error("setsockopt(IPV6_HDRINCL)");
                    v6.Dispose();
                    throw error;
                }

                return (v4, v6);
            }
            catch
            {
                v4.Dispose();
                throw;
            }
        });
        return new PacketInjector(sender, InjectionPath.Stack, null, null, ipv4, ipv6);
    }

    /// <summary>
    /// Sends one IP packet. Returns false when a netfilter hook of the sender dropped it (the kernel reports EPERM
    /// to the sending socket; <see cref="InjectionPath.Stack"/> only), true when the kernel took it.
    /// </summary>
    public unsafe bool Send(ReadOnlySpan<byte> ipPacket)
    {
        var etherType = PacketCrafter.EtherTypeOf(ipPacket);
        if (Path == InjectionPath.Link)
        {
            var address = etherType == PacketCrafter.EtherTypeIPv4 ? _linkAddressIPv4 : _linkAddressIPv6;
            return Transmit(_cooked!, ipPacket, address);
        }

        Span<byte> destination = stackalloc byte[28];
        destination.Clear();
        if (etherType == PacketCrafter.EtherTypeIPv4)
        {
            if (ipPacket.Length < 20)
            {
                throw new ArgumentException("truncated IPv4 packet", nameof(ipPacket));
            }

            WriteHostOrder(destination, (ushort)LibC.AfInet);
            ipPacket.Slice(16, 4).CopyTo(destination[4..]);
            return Transmit(_ipv4!, ipPacket, destination[..16]);
        }

        if (ipPacket.Length < 40)
        {
            throw new ArgumentException("truncated IPv6 packet", nameof(ipPacket));
        }

        WriteHostOrder(destination, (ushort)LibC.AfInet6);
        ipPacket.Slice(24, 16).CopyTo(destination[8..]);
        return Transmit(_ipv6!, ipPacket, destination);
    }

    /// <summary>Sends every packet in order; returns how many the kernel took (see <see cref="Send"/>).</summary>
    public int SendAll(IEnumerable<byte[]> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var (taken, sent) = (0, 0);
        foreach (var packet in packets)
        {
            if (Send(packet))
            {
                taken++;
            }

            if (++sent % YieldEvery == 0)
            {
                // On a busy machine the receive softirq may have been pushed to ksoftirqd on this CPU; let it run
                // rather than piling up frames behind it.
                Thread.Yield();
            }
        }

        return taken;
    }

    /// <summary>
    /// Sends a complete Ethernet frame as given (see <see cref="PacketCrafter.Ethernet"/>), source MAC included.
    /// <see cref="InjectionPath.Link"/> only.
    /// </summary>
    public void SendFrame(ReadOnlySpan<byte> ethernetFrame)
    {
        if (_frames is null)
        {
            throw new InvalidOperationException("whole Ethernet frames can only be sent by a Link injector");
        }

        Transmit(_frames, ethernetFrame, _frameAddress);
    }

    public void Dispose()
    {
        _cooked?.Dispose();
        _frames?.Dispose();
        _ipv4?.Dispose();
        _ipv6?.Dispose();
    }

    public override string ToString() => $"{Path} injector in {Sender.Name}";

    private unsafe bool Transmit(FileDescriptor socket, ReadOnlySpan<byte> data, ReadOnlySpan<byte> address)
    {
        ObjectDisposedException.ThrowIf(socket.IsClosed, this);
        var spin = default(SpinWait);
        for (var attempt = 0; ; attempt++)
        {
            nint result;
            fixed (byte* buffer = data)
            fixed (byte* target = address)
            {
                result = LibC.SendTo(socket.Value, buffer, (nuint)data.Length, 0, target, (uint)address.Length);
            }

            if (result >= 0)
            {
                Interlocked.Increment(ref _sent);
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == LibC.EPerm && Path == InjectionPath.Stack)
            {
                Interlocked.Increment(ref _rejected);
                return false;
            }

            if (errno is LibC.ENoBufs or LibC.EAgain or LibC.EIntr && attempt < MaxRetries)
            {
                // The receiver's backlog is full: let its softirq drain it, then retry.
                spin.SpinOnce(sleep1Threshold: 20);
                continue;
            }

            throw LibC.Error($"sendto of {data.Length} bytes from {Sender.Name} ({Path})");
        }
    }

    private static FileDescriptor OpenSocket(int domain, int type, int protocol, string what)
    {
        var fd = LibC.Socket(domain, type | LibC.SockCloseOnExec, protocol);
        return fd < 0 ? throw LibC.Error($"socket({what})") : new FileDescriptor(fd);
    }

    // sa_family and sll_ifindex are in host byte order; ports, protocols and addresses in network order.
    private static void WriteHostOrder(Span<byte> destination, ushort value) => MemoryMarshal.Write(destination, in value);

    /// <summary>struct sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8].</summary>
    private static void WriteLinkAddress(Span<byte> address, ushort etherType, int ifindex, ReadOnlySpan<byte> mac)
    {
        WriteHostOrder(address, (ushort)LibC.AfPacket);
        BinaryPrimitives.WriteUInt16BigEndian(address[2..], etherType);
        MemoryMarshal.Write(address[4..], in ifindex);
        address[11] = 6;
        mac.CopyTo(address[12..]);
    }
}
