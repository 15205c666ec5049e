using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Palisade.Benchmarks.Nftables;

/// <summary>
/// CPU time (user + system) of this process's finished children, from getrusage(RUSAGE_CHILDREN). The benchmarks
/// run one nft at a time, so the difference across one run is that nft's CPU time: a figure that, unlike wall time,
/// does not grow when other work on the shared 2-core machine keeps nft waiting for a CPU.
/// </summary>
internal static class ChildCpuClock
{
    private const int RusageChildren = -1;

    public static TimeSpan Now()
    {
        if (GetResourceUsage(RusageChildren, out var usage) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "getrusage(RUSAGE_CHILDREN) failed");
        }

        return ToTimeSpan(usage.UserTime) + ToTimeSpan(usage.SystemTime);
    }

    private static TimeSpan ToTimeSpan(TimeValue value) => TimeSpan.FromTicks((value.Seconds * TimeSpan.TicksPerSecond) + (value.Microseconds * 10));

    [DllImport("libc.so.6", EntryPoint = "getrusage", SetLastError = true)]
    private static extern int GetResourceUsage(int who, out ResourceUsage usage);

    /// <summary>struct timeval on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long Seconds;
        public long Microseconds;
    }

    /// <summary>struct rusage: two timevals, then 14 longs this code does not read.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public TimeValue UserTime;
        public TimeValue SystemTime;

        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }
}
