namespace Palisade.Core;

/// <summary>
/// An inclusive range of addresses of one family, as numbers. Ranges are what analysis works with: the union of
/// CIDR blocks a port is reachable from is rarely a single block.
/// </summary>
public readonly record struct AddressRange(IpFamily Family, UInt128 First, UInt128 Last)
{
    public static AddressRange All(IpFamily family) =>
        new(family, UInt128.Zero, family == IpFamily.IPv4 ? uint.MaxValue : UInt128.MaxValue);

    /// <summary>The number of addresses in the range; saturates at <see cref="UInt128.MaxValue"/> for all of IPv6.</summary>
    public UInt128 Count => Last - First == UInt128.MaxValue ? UInt128.MaxValue : Last - First + 1;

    public bool Contains(UInt128 address) => address >= First && address <= Last;

    public bool Overlaps(AddressRange other) => other.Family == Family && other.First <= Last && First <= other.Last;

    /// <summary>The smallest list of CIDR blocks that covers exactly this range.</summary>
    public IReadOnlyList<Cidr> ToCidrs()
    {
        var bits = Family == IpFamily.IPv4 ? 32 : 128;
        var result = new List<Cidr>();
        var start = First;
        while (true)
        {
            // Largest block that starts at 'start' (alignment) and does not pass 'Last'.
            var prefix = bits - Math.Min(TrailingZeros(start, bits), bits);
            while (prefix < bits && (start | Cidr.HostMask(bits, prefix)) > Last)
            {
                prefix++;
            }

            var block = Cidr.Create(Family, start, prefix);
            result.Add(block);
            if (block.Last >= Last)
            {
                return result;
            }

            start = block.Last + 1;
        }
    }

    public override string ToString() =>
        First == Last
            ? IpAddressNumber.ToAddress(Family, First).ToString()
            : $"{IpAddressNumber.ToAddress(Family, First)}-{IpAddressNumber.ToAddress(Family, Last)}";

    private static int TrailingZeros(UInt128 value, int bits) =>
        value == UInt128.Zero ? bits : (int)UInt128.TrailingZeroCount(value);
}
