using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Palisade.Core;

/// <summary>Converts between <see cref="IPAddress"/> and the numeric form used by rule matching.</summary>
public static class IpAddressNumber
{
    public static (IpFamily Family, UInt128 Value) ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return (IpFamily.IPv4, BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        address.TryWriteBytes(bytes, out _);
        return (IpFamily.IPv6, BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    public static IPAddress ToAddress(IpFamily family, UInt128 value)
    {
        if (family == IpFamily.IPv4)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)value);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, value);
        return new IPAddress(v6);
    }
}
