using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Palisade.TestSupport.Packets;

/// <summary>
/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit big-endian words.
/// Public so tests can check any packet: a correct checksum makes the folded sum over the covered bytes (pseudo-header
/// included) equal 0xFFFF.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds the bytes to a running sum as big-endian 16-bit words (an odd last byte is padded with zero).</summary>
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (i < data.Length)
        {
            sum += (ulong)data[i] << 8;
        }

        return sum;
    }

    /// <summary>Folds the carries back in: the ones' complement sum as 16 bits.</summary>
    public static ushort Fold(ulong sum)
    {
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)sum;
    }

    /// <summary>The checksum to store: ~fold(sum).</summary>
    public static ushort Finish(ulong sum) => (ushort)~Fold(sum);

    /// <summary>The checksum of the bytes alone (IPv4 header, ICMPv4).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>
    /// The sum of the TCP/UDP/ICMPv6 pseudo-header: source, destination, protocol and upper-layer length (RFC 793 for
    /// IPv4; RFC 8200 section 8.1 for IPv6, where the length is 32 bits and the protocol is the final next header).
    /// </summary>
    public static ulong PseudoHeaderSum(IPAddress source, IPAddress destination, byte protocol, int upperLayerLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.AddressFamily != destination.AddressFamily)
        {
            throw new ArgumentException($"source {source} and destination {destination} are of different families");
        }

        Span<byte> address = stackalloc byte[16];
        ulong sum = 0;
        source.TryWriteBytes(address, out var written);
        sum = Add(sum, address[..written]);
        destination.TryWriteBytes(address, out written);
        sum = Add(sum, address[..written]);
        if (source.AddressFamily == AddressFamily.InterNetwork)
        {
            // zero byte + protocol, then the 16-bit TCP/UDP length
            return sum + protocol + (ulong)(ushort)upperLayerLength;
        }

        // 32-bit length, three zero bytes, next header
        return sum + ((ulong)upperLayerLength >> 16) + ((ulong)upperLayerLength & 0xFFFF) + protocol;
    }
}
