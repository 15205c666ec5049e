using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// Sends UDP datagrams on a connected socket in a tight loop, bounded by a packet count and a time limit, and
/// reports the wall time and the sending thread's CPU time per packet.
/// </summary>
/// <remarks>
/// Why the sender's time includes the receiver's kernel work: a veth transmit queues the packet on this CPU's
/// backlog and raises the receive softirq, which runs as soon as the sending system call re-enables bottom
/// halves — before send() returns. So each send() carries the whole path: the client's stack, the bridge, and the
/// server's IP input with its netfilter hook, where the ruleset decides. The thread's CPU time
/// (/proc/thread-self/schedstat) includes that softirq work when it runs in the thread's context and excludes time
/// the thread spent preempted by other processes, so it is the steadier of the two on a shared machine.
/// </remarks>
internal static class UdpBlaster
{
    private const int PacketsPerClockCheck = 32;

    public static BlastResult Send(Socket socket, ReadOnlySpan<byte> payload, int maxPackets, TimeSpan maxTime)
    {
        var refused = 0;
        var sent = 0;
        var cpuBefore = ThreadCpuNanoseconds();
        var clock = Stopwatch.StartNew();
        while (sent < maxPackets && clock.Elapsed < maxTime)
        {
            for (var i = 0; i < PacketsPerClockCheck && sent < maxPackets; i++)
            {
                try
                {
                    socket.Send(payload);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    // An ICMP error from an earlier datagram, reported on this one; the datagram was still sent.
                    refused++;
                }

                sent++;
            }
        }

        var wall = clock.Elapsed;
        var cpu = ThreadCpuNanoseconds() - cpuBefore;
        return new BlastResult(sent, wall.TotalNanoseconds / sent, (double)cpu / sent, refused);
    }

    /// <summary>Nanoseconds this thread has run on a CPU: the first field of /proc/thread-self/schedstat.</summary>
    private static long ThreadCpuNanoseconds()
    {
        var text = File.ReadAllText("/proc/thread-self/schedstat");
        return long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}

/// <summary>One blast: packets sent, and wall and thread-CPU nanoseconds per packet.</summary>
internal sealed record BlastResult(int Packets, double WallNanosecondsPerPacket, double CpuNanosecondsPerPacket, int Refused);
