using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Palisade.Core;

/// <summary>
/// An IPv4 or IPv6 CIDR block held as numbers, so that containment and range arithmetic are a couple of
/// comparisons. IPv4 addresses use the low 32 bits of <see cref="UInt128"/>.
/// </summary>
/// <remarks>
/// Parsing is forgiving in the way cloud consoles are: a bare address means a single host (/32 or /128) and host
/// bits are cleared ("10.0.0.5/24" becomes "10.0.0.0/24"). Output is always canonical.
/// </remarks>
[JsonConverter(typeof(CidrJsonConverter))]
public readonly record struct Cidr : IComparable<Cidr>
{
    private Cidr(IpFamily family, UInt128 network, int prefixLength)
    {
        Family = family;
        Network = network;
        PrefixLength = prefixLength;
    }

    public static Cidr AnyIPv4 { get; } = new(IpFamily.IPv4, UInt128.Zero, 0);

    public static Cidr AnyIPv6 { get; } = new(IpFamily.IPv6, UInt128.Zero, 0);

    public IpFamily Family { get; }

    /// <summary>The first address of the block as a number.</summary>
    public UInt128 Network { get; }

    public int PrefixLength { get; }

    public int AddressBits => Family == IpFamily.IPv4 ? 32 : 128;

    /// <summary>The last address of the block as a number.</summary>
    public UInt128 Last => Network | HostMask(AddressBits, PrefixLength);

    public bool IsAny => PrefixLength == 0;

    public bool IsSingleAddress => PrefixLength == AddressBits;

    public AddressRange Range => new(Family, Network, Last);

    public static Cidr Create(IpFamily family, UInt128 address, int prefixLength)
    {
        var bits = family == IpFamily.IPv4 ? 32 : 128;
        ArgumentOutOfRangeException.ThrowIfNegative(prefixLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prefixLength, bits);
        if (family == IpFamily.IPv4 && address > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(address), "An IPv4 address must fit in 32 bits.");
        }

        return new Cidr(family, address & ~HostMask(bits, prefixLength), prefixLength);
    }

    public static Cidr Host(IPAddress address)
    {
        var (family, value) = IpAddressNumber.ToNumber(address);
        return Create(family, value, family == IpFamily.IPv4 ? 32 : 128);
    }

    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not a CIDR block such as 192.0.2.0/24 or 2001:db8::/32.");

    public static bool TryParse([NotNullWhen(true)] string? text, out Cidr cidr)
    {
        cidr = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var slash = span.IndexOf('/');
        var addressPart = slash < 0 ? span : span[..slash];
        if (addressPart.Contains('%') || !IPAddress.TryParse(addressPart, out var address))
        {
            return false;
        }

        // IPAddress.TryParse accepts "1" or "1.2" as IPv4 shorthand, and reads "010.0.0.1" as octal (8.0.0.1) and
        // "0x7f.0.0.1" as hex; a firewall rule should say what it means, so only four plain decimal octets pass.
        if (address.AddressFamily == AddressFamily.InterNetwork && !IsDottedDecimal(addressPart))
        {
            return false;
        }

        var (family, value) = IpAddressNumber.ToNumber(address);
        var bits = family == IpFamily.IPv4 ? 32 : 128;
        var prefix = bits;
        if (slash >= 0)
        {
            var prefixPart = span[(slash + 1)..];
            if (prefixPart.IsEmpty || prefixPart.Length > 3 || prefixPart.ContainsAnyExceptInRange('0', '9')
                || !int.TryParse(prefixPart, NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits)
            {
                return false;
            }
        }

        cidr = Create(family, value, prefix);
        return true;
    }

    public bool Contains(IpFamily family, UInt128 address) => family == Family && address >= Network && address <= Last;

    public bool Contains(IPAddress address)
    {
        var (family, value) = IpAddressNumber.ToNumber(address);
        return Contains(family, value);
    }

    public bool Contains(Cidr other) => other.Family == Family && other.Network >= Network && other.Last <= Last;

    public bool Overlaps(Cidr other) => other.Family == Family && other.Network <= Last && Network <= other.Last;

    public IPAddress NetworkAddress => IpAddressNumber.ToAddress(Family, Network);

    public int CompareTo(Cidr other)
    {
        var byFamily = Family.CompareTo(other.Family);
        if (byFamily != 0)
        {
            return byFamily;
        }

        var byNetwork = Network.CompareTo(other.Network);
        return byNetwork != 0 ? byNetwork : PrefixLength.CompareTo(other.PrefixLength);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{NetworkAddress}/{PrefixLength}");

    private static bool IsDottedDecimal(ReadOnlySpan<char> text)
    {
        var octets = 0;
        foreach (var range in text.Split('.'))
        {
            var octet = text[range];
            if (octet.IsEmpty || octet.Length > 3 || octet.ContainsAnyExceptInRange('0', '9') || (octet.Length > 1 && octet[0] == '0'))
            {
                return false;
            }

            octets++;
        }

        return octets == 4;
    }

    internal static UInt128 HostMask(int addressBits, int prefixLength)
    {
        var hostBits = addressBits - prefixLength;
        return hostBits == 0 ? UInt128.Zero : hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }

    private sealed class CidrJsonConverter : JsonConverter<Cidr>
    {
        public override Cidr Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return TryParse(text, out var cidr) ? cidr : throw new JsonException($"'{text}' is not a CIDR block.");
        }

        public override void Write(Utf8JsonWriter writer, Cidr value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
