using System.Collections.Immutable;
using System.Net;
using Palisade.Core;

namespace Palisade.SecurityGroups.Analysis;

/// <summary>
/// An immutable set of addresses of both families, held as sorted, disjoint, non-adjacent ranges (IPv4 first).
/// Analysis answers are sets like this — "everyone except one /24" is one range pair, not thousands of blocks —
/// and they print either as the smallest CIDR list or as "0.0.0.0/0 except 203.0.113.0/24", whichever is shorter.
/// </summary>
public sealed class AddressRangeSet : IEquatable<AddressRangeSet>
{
    private AddressRangeSet(ImmutableArray<AddressRange> ranges) => Ranges = ranges;

    public static AddressRangeSet Empty { get; } = new([]);

    /// <summary>Every IPv4 and every IPv6 address.</summary>
    public static AddressRangeSet Everything { get; } =
        new([AddressRange.All(IpFamily.IPv4), AddressRange.All(IpFamily.IPv6)]);

    /// <summary>The ranges, sorted by family (IPv4 first) and address; no two overlap or touch.</summary>
    public ImmutableArray<AddressRange> Ranges { get; }

    public bool IsEmpty => Ranges.IsEmpty;

    public static AddressRangeSet All(IpFamily family) => new([AddressRange.All(family)]);

    public static AddressRangeSet Of(params IEnumerable<Cidr> blocks) => Of(blocks.Select(b => b.Range));

    /// <summary>The union of the given ranges, in any order, overlapping or not.</summary>
    public static AddressRangeSet Of(IEnumerable<AddressRange> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var sorted = ranges.ToList();
        foreach (var range in sorted)
        {
            if (range.First > range.Last || (range.Family == IpFamily.IPv4 && range.Last > uint.MaxValue))
            {
                throw new ArgumentException($"{range.Family} range {range.First}..{range.Last} is not a valid range.", nameof(ranges));
            }
        }

        sorted.Sort(CompareByStart);
        return new AddressRangeSet(Normalize(sorted));
    }

    /// <summary>Parses a comma-separated list of CIDR blocks or single addresses ("10.0.0.0/8, 2001:db8::/32").</summary>
    public static AddressRangeSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Of(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Cidr.Parse));
    }

    public AddressRangeSet OfFamily(IpFamily family) =>
        Ranges.All(r => r.Family == family) ? this : new([.. Ranges.Where(r => r.Family == family)]);

    public bool Contains(IpFamily family, UInt128 address)
    {
        var index = FindFirstEndingAtOrAfter(family, address);
        return index < Ranges.Length && Ranges[index].Family == family && Ranges[index].First <= address;
    }

    public bool Contains(IPAddress address)
    {
        var (family, value) = IpAddressNumber.ToNumber(address);
        return Contains(family, value);
    }

    /// <summary>True when every address of <paramref name="range"/> is in the set.</summary>
    public bool Covers(AddressRange range)
    {
        var index = FindFirstEndingAtOrAfter(range.Family, range.First);
        return index < Ranges.Length && Ranges[index].Family == range.Family
            && Ranges[index].First <= range.First && Ranges[index].Last >= range.Last;
    }

    public bool Covers(Cidr block) => Covers(block.Range);

    /// <summary>True when every address of <paramref name="other"/> is in this set.</summary>
    public bool Covers(AddressRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Ranges.All(Covers);
    }

    public bool Overlaps(AddressRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var (a, b) = (Ranges[i], other.Ranges[j]);
            if (a.Overlaps(b))
            {
                return true;
            }

            if (CompareEnds(a, b) < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }

    public AddressRangeSet Union(AddressRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }

        if (IsEmpty)
        {
            return other;
        }

        var merged = new List<AddressRange>(Ranges.Length + other.Ranges.Length);
        merged.AddRange(Ranges);
        merged.AddRange(other.Ranges);
        merged.Sort(CompareByStart);
        return new AddressRangeSet(Normalize(merged));
    }

    public AddressRangeSet Intersect(AddressRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var result = ImmutableArray.CreateBuilder<AddressRange>();
        int i = 0, j = 0;
        while (i < Ranges.Length && j < other.Ranges.Length)
        {
            var (a, b) = (Ranges[i], other.Ranges[j]);
            if (a.Overlaps(b))
            {
                result.Add(new AddressRange(a.Family, UInt128.Max(a.First, b.First), UInt128.Min(a.Last, b.Last)));
            }

            if (CompareEnds(a, b) < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return new AddressRangeSet(result.ToImmutable());
    }

    /// <summary>The addresses of this set that are not in <paramref name="other"/>.</summary>
    public AddressRangeSet Except(AddressRangeSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        var result = ImmutableArray.CreateBuilder<AddressRange>();
        var j = 0;
        foreach (var range in Ranges)
        {
            var (first, last) = (range.First, range.Last);
            var remaining = true;
            while (j < other.Ranges.Length && CompareEndToStart(other.Ranges[j], range) < 0)
            {
                j++;
            }

            for (var k = j; k < other.Ranges.Length && remaining; k++)
            {
                var cut = other.Ranges[k];
                if (cut.Family != range.Family || cut.First > last)
                {
                    break;
                }

                if (cut.First > first)
                {
                    result.Add(new AddressRange(range.Family, first, cut.First - 1));
                }

                if (cut.Last >= last)
                {
                    remaining = false;
                }
                else
                {
                    first = UInt128.Max(first, cut.Last + 1);
                }
            }

            if (remaining)
            {
                result.Add(new AddressRange(range.Family, first, last));
            }
        }

        return new AddressRangeSet(result.ToImmutable());
    }

    /// <summary>The number of addresses of one family in the set; saturates at <see cref="UInt128.MaxValue"/> for all of IPv6.</summary>
    public UInt128 CountOf(IpFamily family)
    {
        var total = UInt128.Zero;
        foreach (var range in Ranges.Where(r => r.Family == family))
        {
            var count = range.Count;
            total = UInt128.MaxValue - total < count ? UInt128.MaxValue : total + count;
        }

        return total;
    }

    /// <summary>True when the set holds every address of <paramref name="family"/>.</summary>
    public bool CoversAll(IpFamily family) => Covers(AddressRange.All(family));

    /// <summary>The smallest list of CIDR blocks that covers exactly the set, in address order.</summary>
    public IReadOnlyList<Cidr> ToCidrs() => [.. Ranges.SelectMany(r => r.ToCidrs())];

    /// <summary>The set as the smallest CIDR list, "10.0.0.0/8, 192.0.2.7/32"; empty text for the empty set.</summary>
    public string ToCidrString() => string.Join(", ", ToCidrs());

    /// <summary>
    /// The shortest readable form, family by family (separated by "; "): the CIDR list, or the smallest enclosing
    /// block followed by "except" and the blocks it leaves out, such as "0.0.0.0/0 except 203.0.113.0/24";
    /// "nothing" for the empty set.
    /// </summary>
    public string Describe()
    {
        if (IsEmpty)
        {
            return "nothing";
        }

        var parts = new List<string>(2);
        foreach (var family in (ReadOnlySpan<IpFamily>)[IpFamily.IPv4, IpFamily.IPv6])
        {
            var ofFamily = OfFamily(family);
            if (!ofFamily.IsEmpty)
            {
                parts.Add(ofFamily.DescribeOneFamily(family));
            }
        }

        return string.Join("; ", parts);
    }

    public override string ToString() => Describe();

    public bool Equals(AddressRangeSet? other) => other is not null && Ranges.AsSpan().SequenceEqual(other.Ranges.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as AddressRangeSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var range in Ranges)
        {
            hash.Add(range);
        }

        return hash.ToHashCode();
    }

    /// <summary>The smallest single CIDR block that contains the whole range.</summary>
    internal static Cidr EnclosingBlock(AddressRange range)
    {
        var bits = range.Family == IpFamily.IPv4 ? 32 : 128;
        var differing = range.First ^ range.Last;
        var hostBits = differing == UInt128.Zero ? 0 : 128 - (int)UInt128.LeadingZeroCount(differing);
        return Cidr.Create(range.Family, range.First, bits - hostBits);
    }

    private string DescribeOneFamily(IpFamily family)
    {
        var plain = ToCidrs();
        var hull = EnclosingBlock(new AddressRange(family, Ranges[0].First, Ranges[^1].Last));
        var excluded = Of(hull).Except(this).ToCidrs();

        // "hull except a, b" costs one block more than the exclusions; prefer the plain list on a tie.
        return excluded.Count > 0 && excluded.Count + 1 < plain.Count
            ? $"{hull} except {string.Join(", ", excluded)}"
            : string.Join(", ", plain);
    }

    private int FindFirstEndingAtOrAfter(IpFamily family, UInt128 address)
    {
        int low = 0, high = Ranges.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var range = Ranges[middle];
            var before = range.Family < family || (range.Family == family && range.Last < address);
            if (before)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static ImmutableArray<AddressRange> Normalize(List<AddressRange> sorted)
    {
        var result = ImmutableArray.CreateBuilder<AddressRange>(sorted.Count);
        foreach (var range in sorted)
        {
            if (result.Count > 0)
            {
                var last = result[^1];
                if (last.Family == range.Family && (last.Last == UInt128.MaxValue || range.First <= last.Last + 1))
                {
                    result[^1] = last with { Last = UInt128.Max(last.Last, range.Last) };
                    continue;
                }
            }

            result.Add(range);
        }

        return result.ToImmutable();
    }

    private static int CompareByStart(AddressRange a, AddressRange b)
    {
        var byFamily = a.Family.CompareTo(b.Family);
        return byFamily != 0 ? byFamily : a.First.CompareTo(b.First);
    }

    private static int CompareEnds(AddressRange a, AddressRange b)
    {
        var byFamily = a.Family.CompareTo(b.Family);
        return byFamily != 0 ? byFamily : a.Last.CompareTo(b.Last);
    }

    /// <summary>Negative when <paramref name="cut"/> ends before <paramref name="range"/> starts.</summary>
    private static int CompareEndToStart(AddressRange cut, AddressRange range)
    {
        var byFamily = cut.Family.CompareTo(range.Family);
        return byFamily != 0 ? byFamily : cut.Last.CompareTo(range.First);
    }
}
