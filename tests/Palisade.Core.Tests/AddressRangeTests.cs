namespace Palisade.Core.Tests;

public sealed class AddressRangeTests
{
    [Theory]
    [InlineData("10.0.0.0", "10.0.0.255", "10.0.0.0/24")]
    [InlineData("10.0.0.1", "10.0.0.1", "10.0.0.1/32")]
    [InlineData("10.0.0.1", "10.0.0.6", "10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32")]
    [InlineData("0.0.0.0", "255.255.255.255", "0.0.0.0/0")]
    [InlineData("0.0.0.0", "203.0.112.255", "0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/5, 200.0.0.0/7, 202.0.0.0/8, 203.0.0.0/18, 203.0.64.0/19, 203.0.96.0/20, 203.0.112.0/24")]
    [InlineData("255.255.255.255", "255.255.255.255", "255.255.255.255/32")]
    [InlineData("::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::/0")]
    [InlineData("2001:db8::1", "2001:db8::3", "2001:db8::1/128, 2001:db8::2/127")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127")]
    public void ToCidrs_KnownRanges_SmallestExactList(string first, string last, string expected)
    {
        Assert.Equal(expected, string.Join(", ", Range(first, last).ToCidrs()));
    }

    [Fact]
    public void ToCidrs_RandomRanges_CoverExactlyTheRangeWithMaximalAlignedBlocks()
    {
        var random = new Random(5);
        for (var i = 0; i < 3000; i++)
        {
            var family = random.Next(3) == 0 ? IpFamily.IPv6 : IpFamily.IPv4;
            var (a, b) = (RandomAddress(random, family), RandomAddress(random, family));
            var range = new AddressRange(family, UInt128.Min(a, b), UInt128.Max(a, b));

            var blocks = range.ToCidrs();

            // Contiguous, in order, from First to Last.
            Assert.Equal(range.First, blocks[0].Network);
            Assert.Equal(range.Last, blocks[^1].Last);
            for (var k = 1; k < blocks.Count; k++)
            {
                Assert.Equal(blocks[k - 1].Last + 1, blocks[k].Network);
            }

            // Smallest: no two neighbours could merge into one aligned block, which is what makes the greedy list minimal.
            for (var k = 1; k < blocks.Count; k++)
            {
                var (left, right) = (blocks[k - 1], blocks[k]);
                var mergeable = left.PrefixLength == right.PrefixLength && left.PrefixLength > 0
                    && Cidr.Create(family, left.Network, left.PrefixLength - 1).Network == left.Network
                    && Cidr.Create(family, left.Network, left.PrefixLength - 1).Last == right.Last;
                Assert.False(mergeable, $"{left} and {right} of {range} should be one block");
            }

            Assert.True(blocks.Count <= 2 * (family == IpFamily.IPv4 ? 32 : 128));
        }
    }

    [Fact]
    public void ToCidrs_SmallRanges_MatchBruteForceMinimum()
    {
        // Brute force over a 64-address universe: the fewest aligned blocks that tile [first, last].
        for (uint first = 0; first < 64; first++)
        {
            for (var last = first; last < 64; last++)
            {
                var blocks = new AddressRange(IpFamily.IPv4, first, last).ToCidrs();
                Assert.Equal(MinimumBlocks(first, last), blocks.Count);
            }
        }
    }

    [Fact]
    public void Count_SaturatesForAllOfIPv6()
    {
        Assert.Equal((UInt128)256, Range("10.0.0.0", "10.0.0.255").Count);
        Assert.Equal((UInt128)uint.MaxValue + 1, AddressRange.All(IpFamily.IPv4).Count);
        Assert.Equal(UInt128.MaxValue, AddressRange.All(IpFamily.IPv6).Count);
    }

    [Fact]
    public void ContainsAndOverlaps_RespectBoundsAndFamily()
    {
        var range = Range("10.0.0.10", "10.0.0.20");

        Assert.True(range.Contains(range.First));
        Assert.True(range.Contains(range.Last));
        Assert.False(range.Contains(range.Last + 1));
        Assert.True(range.Overlaps(Range("10.0.0.20", "10.0.0.30")));
        Assert.False(range.Overlaps(Range("10.0.0.21", "10.0.0.30")));
        Assert.False(range.Overlaps(new AddressRange(IpFamily.IPv6, range.First, range.Last)));
    }

    [Fact]
    public void ToString_SingleAddressOrDashedRange()
    {
        Assert.Equal("10.0.0.1", Range("10.0.0.1", "10.0.0.1").ToString());
        Assert.Equal("10.0.0.1-10.0.0.9", Range("10.0.0.1", "10.0.0.9").ToString());
    }

    private static AddressRange Range(string first, string last)
    {
        var (family, a) = IpAddressNumber.ToNumber(System.Net.IPAddress.Parse(first));
        var (_, b) = IpAddressNumber.ToNumber(System.Net.IPAddress.Parse(last));
        return new AddressRange(family, a, b);
    }

    private static UInt128 RandomAddress(Random random, IpFamily family) => family == IpFamily.IPv4
        ? (UInt128)(uint)random.NextInt64(0, uint.MaxValue + 1L)
        : new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64()) >> random.Next(0, 120);

    private static int MinimumBlocks(uint first, uint last)
    {
        // best[i] = fewest blocks tiling [first, i - 1]; a block [s, e] is aligned when its size is a power of two dividing s.
        var best = new int[last + 2];
        Array.Fill(best, int.MaxValue);
        best[first] = 0;
        for (var start = first; start <= last; start++)
        {
            if (best[start] == int.MaxValue)
            {
                continue;
            }

            for (uint size = 1; start + size - 1 <= last && size <= 64; size <<= 1)
            {
                if (start % size == 0)
                {
                    best[start + size] = Math.Min(best[start + size], best[start] + 1);
                }
            }
        }

        return best[last + 1];
    }
}
