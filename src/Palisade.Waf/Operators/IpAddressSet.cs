using System.Net;
using Palisade.Core;

namespace Palisade.Waf.Operators;

/// <summary>
/// IPv4 and IPv6 CIDR blocks merged into sorted, disjoint address ranges per family, so a lookup is a binary search.
/// IPv4-mapped IPv6 input (::ffff:192.0.2.1) is looked up as IPv4.
/// </summary>
internal sealed class IpAddressSet
{
    private readonly UInt128[] _v4Starts;
    private readonly UInt128[] _v4Ends;
    private readonly UInt128[] _v6Starts;
    private readonly UInt128[] _v6Ends;

    public IpAddressSet(IEnumerable<Cidr> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var list = blocks.ToList();
        (_v4Starts, _v4Ends) = Merge(list.Where(b => b.Family == IpFamily.IPv4));
        (_v6Starts, _v6Ends) = Merge(list.Where(b => b.Family == IpFamily.IPv6));
    }

    public int RangeCount => _v4Starts.Length + _v6Starts.Length;

    public bool Contains(ReadOnlySpan<char> address)
    {
        if (TryParseIPv4(address, out var v4))
        {
            return Contains(_v4Starts, _v4Ends, v4);
        }

        if (address.IsEmpty || !address.Contains(':') || !IPAddress.TryParse(address, out var parsed))
        {
            return false;
        }

        var (family, value) = IpAddressNumber.ToNumber(parsed);
        return family == IpFamily.IPv4 ? Contains(_v4Starts, _v4Ends, value) : Contains(_v6Starts, _v6Ends, value);
    }

    /// <summary>Four dotted decimal octets, without allocating (the common REMOTE_ADDR form).</summary>
    internal static bool TryParseIPv4(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = 0;
        uint result = 0;
        var octets = 0;
        var i = 0;
        while (octets < 4)
        {
            var start = i;
            uint octet = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                octet = (octet * 10) + (uint)(text[i] - '0');
                i++;
            }

            if (i == start || octet > 255)
            {
                return false;
            }

            result = (result << 8) | octet;
            octets++;
            if (octets < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        value = result;
        return true;
    }

    private static bool Contains(UInt128[] starts, UInt128[] ends, UInt128 value)
    {
        var lo = 0;
        var hi = starts.Length - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (value < starts[mid])
            {
                hi = mid - 1;
            }
            else if (value > ends[mid])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static (UInt128[] Starts, UInt128[] Ends) Merge(IEnumerable<Cidr> blocks)
    {
        var sorted = blocks.Select(b => (Start: b.Network, End: b.Last)).OrderBy(r => r.Start).ToList();
        var starts = new List<UInt128>();
        var ends = new List<UInt128>();
        foreach (var (start, end) in sorted)
        {
            if (ends.Count > 0 && (start <= ends[^1] || start == ends[^1] + 1))
            {
                if (end > ends[^1])
                {
                    ends[^1] = end;
                }
            }
            else
            {
                starts.Add(start);
                ends.Add(end);
            }
        }

        return (starts.ToArray(), ends.ToArray());
    }
}
