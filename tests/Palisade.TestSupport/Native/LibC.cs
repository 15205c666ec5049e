using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Palisade.TestSupport.Native;

/// <summary>
/// The few libc calls .NET does not expose: setns for per-thread namespace switching, and raw file descriptors for
/// AF_PACKET and IP_HDRINCL sockets (System.Net.Sockets has no sockaddr_ll endpoint and no IPV6_HDRINCL).
/// Constants are the Linux x86-64/arm64 values (identical on both).
/// </summary>
internal static partial class LibC
{
    // "libc.so.6", not "libc": on Debian with libc6-dev installed, libc.so is a linker script dlopen cannot load.
    private const string Library = "libc.so.6";

    public const int CloneNewNet = 0x40000000;
    public const int OpenReadOnly = 0;
    public const int OpenCloseOnExec = 0x80000;

    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int AfPacket = 17;
    public const int SockDgram = 2;
    public const int SockRaw = 3;
    public const int SockCloseOnExec = 0x80000;

    public const int IpProtoIp = 0;
    public const int IpProtoIpv6 = 41;
    public const int IpProtoRaw = 255;
    public const int IpHdrIncl = 3;
    public const int Ipv6HdrIncl = 36;

    public const ushort EthPIp = 0x0800;
    public const ushort EthPIpv6 = 0x86DD;

    public const int EPerm = 1;
    public const int EIntr = 4;
    public const int EAgain = 11;
    public const int ENoBufs = 105;
    public const int SigKill = 9;

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nsType);

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSockOpt(int fd, int level, int name, void* value, uint length);

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    public static unsafe partial nint SendTo(int fd, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

    [LibraryImport(Library, EntryPoint = "geteuid")]
    public static partial uint GetEffectiveUserId();

    [LibraryImport(Library, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(Library, EntryPoint = "if_nametoindex", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint InterfaceNameToIndex(string name);

    /// <summary>Throws a Win32Exception (its NativeErrorCode is errno) that names the failed call.</summary>
    public static Win32Exception Error(string call)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new Win32Exception(errno, $"{call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }
}
