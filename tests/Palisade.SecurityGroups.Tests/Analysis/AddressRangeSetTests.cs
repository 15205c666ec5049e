using Palisade.Core;
using Palisade.SecurityGroups.Analysis;

namespace Palisade.SecurityGroups.Tests.Analysis;

public sealed class AddressRangeSetTests
{
    [Fact]
    public void Of_OverlappingAndAdjacentBlocks_MergesIntoSortedRanges()
    {
        var set = AddressRangeSet.Parse("10.0.1.0/24, 2001:db8::/32, 10.0.0.0/24, 10.0.0.128/25, 192.0.2.0/24");

        Assert.Equal("10.0.0.0/23, 192.0.2.0/24, 2001:db8::/32", set.ToCidrString());
        Assert.Equal(3, set.Ranges.Length);
    }

    [Fact]
    public void Of_RangeWithFirstAfterLast_Throws()
    {
        Assert.Throws<ArgumentException>(() => AddressRangeSet.Of([new AddressRange(IpFamily.IPv4, 5, 4)]));
    }

    [Fact]
    public void Except_HoleInTheMiddle_LeavesBothSides()
    {
        var set = AddressRangeSet.All(IpFamily.IPv4).Except(AddressRangeSet.Parse("203.0.113.0/24"));

        Assert.Equal(2, set.Ranges.Length);
        Assert.False(set.Contains(System.Net.IPAddress.Parse("203.0.113.9")));
        Assert.True(set.Contains(System.Net.IPAddress.Parse("203.0.112.255")));
        Assert.True(set.Contains(System.Net.IPAddress.Parse("203.0.114.0")));
        Assert.Equal("0.0.0.0/0 except 203.0.113.0/24", set.Describe());
    }

    [Fact]
    public void Except_SeveralCutsAcrossRanges_RemovesExactlyThem()
    {
        var set = AddressRangeSet.Parse("10.0.0.0/8, 192.168.0.0/16")
            .Except(AddressRangeSet.Parse("9.0.0.0/8, 10.0.0.0/9, 10.255.255.255/32, 192.168.1.0/24, 2001:db8::/32"));

        Assert.Equal("10.128.0.0/10, 10.192.0.0/11, 10.224.0.0/12, 10.240.0.0/13, 10.248.0.0/14, 10.252.0.0/15, 10.254.0.0/16, 10.255.0.0/17, "
            + "10.255.128.0/18, 10.255.192.0/19, 10.255.224.0/20, 10.255.240.0/21, 10.255.248.0/22, 10.255.252.0/23, 10.255.254.0/24, "
            + "10.255.255.0/25, 10.255.255.128/26, 10.255.255.192/27, 10.255.255.224/28, 10.255.255.240/29, 10.255.255.248/30, "
            + "10.255.255.252/31, 10.255.255.254/32, 192.168.0.0/24, 192.168.2.0/23, 192.168.4.0/22, 192.168.8.0/21, 192.168.16.0/20, "
            + "192.168.32.0/19, 192.168.64.0/18, 192.168.128.0/17", set.ToCidrString());
        Assert.Equal("10.128.0.0/9 except 10.255.255.255/32", set.Intersect(AddressRangeSet.Parse("10.0.0.0/8")).Describe());
        Assert.Equal("192.168.0.0/16 except 192.168.1.0/24", set.Intersect(AddressRangeSet.Parse("192.168.0.0/16")).Describe());
    }

    [Fact]
    public void Intersect_FamiliesStaySeparate()
    {
        var set = AddressRangeSet.Everything.Intersect(AddressRangeSet.Parse("10.0.0.0/8, ::/0"));

        Assert.Equal("10.0.0.0/8, ::/0", set.ToCidrString());
        Assert.True(AddressRangeSet.Parse("10.0.0.0/8").Intersect(AddressRangeSet.Parse("::/0")).IsEmpty);
    }

    [Fact]
    public void Union_IsIndependentOfOrder()
    {
        var a = AddressRangeSet.Parse("10.0.0.0/9, 2001:db8::/33");
        var b = AddressRangeSet.Parse("10.128.0.0/9, 2001:db8:8000::/33");

        Assert.Equal(a.Union(b), b.Union(a));
        Assert.Equal("10.0.0.0/8, 2001:db8::/32", a.Union(b).ToCidrString());
    }

    [Fact]
    public void CoversAndOverlaps_AnswerForWholeSets()
    {
        var big = AddressRangeSet.Parse("10.0.0.0/8, 2001:db8::/32");

        Assert.True(big.Covers(AddressRangeSet.Parse("10.1.0.0/16, 2001:db8:1::/48")));
        Assert.False(big.Covers(AddressRangeSet.Parse("10.1.0.0/16, 11.0.0.0/32")));
        Assert.True(big.Overlaps(AddressRangeSet.Parse("11.0.0.0/8, 2001:db8:ffff::/48")));
        Assert.False(big.Overlaps(AddressRangeSet.Parse("11.0.0.0/8, 2001:db9::/32")));
        Assert.True(big.Covers(AddressRangeSet.Empty));
    }

    [Fact]
    public void CountOf_CountsPerFamilyAndSaturatesForAllOfIPv6()
    {
        var set = AddressRangeSet.Parse("10.0.0.0/8, 192.0.2.0/24").Union(AddressRangeSet.All(IpFamily.IPv6));

        Assert.Equal((UInt128)((1 << 24) + 256), set.CountOf(IpFamily.IPv4));
        Assert.Equal(UInt128.MaxValue, set.CountOf(IpFamily.IPv6));
    }

    [Theory]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("0.0.0.0/0, ::/0", "0.0.0.0/0; ::/0")]
    [InlineData("198.51.100.7/32", "198.51.100.7/32")]
    [InlineData("10.0.0.0/24, 10.0.2.0/24", "10.0.0.0/24, 10.0.2.0/24")]
    [InlineData("", "nothing")]
    public void Describe_PrefersThePlainListUnlessExceptIsShorter(string blocks, string expected)
    {
        Assert.Equal(expected, AddressRangeSet.Parse(blocks).Describe());
    }

    [Fact]
    public void Describe_IPv6WithHole_UsesExcept()
    {
        var set = AddressRangeSet.All(IpFamily.IPv6).Except(AddressRangeSet.Parse("2001:db8::/32"));

        Assert.Equal("::/0 except 2001:db8::/32", set.Describe());
    }

    [Fact]
    public void EnclosingBlock_IsTheSmallestCidrHoldingTheRange()
    {
        Assert.Equal(Cidr.Parse("10.0.0.0/22"), AddressRangeSet.EnclosingBlock(new AddressRange(IpFamily.IPv4, Cidr.Parse("10.0.1.0/32").Network, Cidr.Parse("10.0.2.0/32").Network)));
        Assert.Equal(Cidr.Parse("10.0.0.1/32"), AddressRangeSet.EnclosingBlock(Cidr.Parse("10.0.0.1/32").Range));
        Assert.Equal(Cidr.AnyIPv6, AddressRangeSet.EnclosingBlock(AddressRange.All(IpFamily.IPv6)));
    }

    [Fact]
    public void SetOperations_AgreeWithPerAddressMembershipOnRandomSets()
    {
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            var a = RandomSet(random);
            var b = RandomSet(random);
            var union = a.Union(b);
            var intersection = a.Intersect(b);
            var difference = a.Except(b);
            for (uint address = 0; address < 256; address++)
            {
                var (inA, inB) = (a.Contains(IpFamily.IPv4, address), b.Contains(IpFamily.IPv4, address));
                Assert.Equal(inA || inB, union.Contains(IpFamily.IPv4, address));
                Assert.Equal(inA && inB, intersection.Contains(IpFamily.IPv4, address));
                Assert.Equal(inA && !inB, difference.Contains(IpFamily.IPv4, address));
            }

            Assert.Equal(AddressRangeSet.Of(union.ToCidrs()), union);
            Assert.True(union.Covers(a) && union.Covers(b));
            Assert.Equal(!intersection.IsEmpty, a.Overlaps(b));
        }
    }

    private static AddressRangeSet RandomSet(Random random) =>
        AddressRangeSet.Of(Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
        {
            var first = (uint)random.Next(0, 256);
            return new AddressRange(IpFamily.IPv4, first, (uint)Math.Min(255, first + random.Next(0, 40)));
        }));
}
