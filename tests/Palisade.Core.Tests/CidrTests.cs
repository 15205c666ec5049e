using System.Net;
using System.Text.Json;

namespace Palisade.Core.Tests;

public sealed class CidrTests
{
    [Theory]
    [InlineData("192.0.2.0/24", "192.0.2.0/24", IpFamily.IPv4, 24)]
    [InlineData("10.0.0.5/24", "10.0.0.0/24", IpFamily.IPv4, 24)]
    [InlineData("10.0.0.5", "10.0.0.5/32", IpFamily.IPv4, 32)]
    [InlineData(" 10.0.0.5/8 ", "10.0.0.0/8", IpFamily.IPv4, 8)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", IpFamily.IPv4, 0)]
    [InlineData("255.255.255.255/31", "255.255.255.254/31", IpFamily.IPv4, 31)]
    [InlineData("1.2.3.4/024", "1.2.3.0/24", IpFamily.IPv4, 24)]
    [InlineData("2001:DB8::1/64", "2001:db8::/64", IpFamily.IPv6, 64)]
    [InlineData("2001:db8::1", "2001:db8::1/128", IpFamily.IPv6, 128)]
    [InlineData("::/0", "::/0", IpFamily.IPv6, 0)]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001/127", "2001:db8::/127", IpFamily.IPv6, 127)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1", "8000::/1", IpFamily.IPv6, 1)]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7/32", IpFamily.IPv4, 32)]
    public void TryParse_ValidText_CanonicalBlock(string text, string canonical, IpFamily family, int prefix)
    {
        Assert.True(Cidr.TryParse(text, out var cidr));

        Assert.Equal(canonical, cidr.ToString());
        Assert.Equal(family, cidr.Family);
        Assert.Equal(prefix, cidr.PrefixLength);
        Assert.Equal(cidr, Cidr.Parse(canonical));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("10.0.0.0/")]
    [InlineData("/24")]
    [InlineData("10.0.0.0/8/8")]
    [InlineData("10.0.0.0/1000")]
    [InlineData("10.0.0.0/ 8")]
    [InlineData("10.0.0.0 /8")]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.0")]
    [InlineData("10")]
    [InlineData("10.0.0.0.0")]
    [InlineData("010.0.0.1")]
    [InlineData("10.00.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("10.0.0.-1")]
    [InlineData("a.b.c.d")]
    [InlineData("::1/129")]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%2/64")]
    [InlineData("2001:db8:::1")]
    [InlineData("2001:db8::g")]
    [InlineData("example.com")]
    [InlineData("10.0.0.0/8,10.1.0.0/16")]
    public void TryParse_MalformedText_Rejected(string? text)
    {
        Assert.False(Cidr.TryParse(text, out var cidr));
        Assert.Equal(default, cidr);
    }

    [Fact]
    public void Parse_MalformedText_ThrowsFormatExceptionNamingTheValueAndTheForm()
    {
        var error = Assert.Throws<FormatException>(() => Cidr.Parse("10.0.0.0/33"));

        Assert.Contains("'10.0.0.0/33'", error.Message, StringComparison.Ordinal);
        Assert.Contains("192.0.2.0/24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HostBitsSet_ClearsThem()
    {
        var cidr = Cidr.Create(IpFamily.IPv4, 0x0A0000FF, 24);

        Assert.Equal((UInt128)0x0A000000, cidr.Network);
        Assert.Equal((UInt128)0x0A0000FF, cidr.Last);
        Assert.Equal("10.0.0.0/24", cidr.ToString());
    }

    [Fact]
    public void Create_OutOfRangeArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Cidr.Create(IpFamily.IPv4, 0, 33));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cidr.Create(IpFamily.IPv6, 0, 129));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cidr.Create(IpFamily.IPv4, 0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Cidr.Create(IpFamily.IPv4, (UInt128)uint.MaxValue + 1, 32));
    }

    [Fact]
    public void Properties_DescribeTheBlock()
    {
        var v4 = Cidr.Parse("192.0.2.0/24");
        var v6 = Cidr.Parse("2001:db8::/32");

        Assert.Equal((UInt128)0xC00002FF, v4.Last);
        Assert.Equal(32, v4.AddressBits);
        Assert.Equal(128, v6.AddressBits);
        Assert.False(v4.IsAny);
        Assert.True(Cidr.AnyIPv4.IsAny);
        Assert.True(Cidr.Parse("192.0.2.1").IsSingleAddress);
        Assert.Equal(IPAddress.Parse("192.0.2.0"), v4.NetworkAddress);
        Assert.Equal(new AddressRange(IpFamily.IPv4, 0xC0000200, 0xC00002FF), v4.Range);
        Assert.Equal(UInt128.MaxValue, Cidr.AnyIPv6.Last);
        Assert.Equal((UInt128)uint.MaxValue, Cidr.AnyIPv4.Last);
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "10.0.0.0", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.0/8", "9.255.255.255", false)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("0.0.0.0/0", "::", false)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("::/0", "::ffff:10.0.0.1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    public void Contains_Address_ByFamilyAndBounds(string block, string address, bool expected)
    {
        Assert.Equal(expected, Cidr.Parse(block).Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true, true)]
    [InlineData("10.1.0.0/16", "10.0.0.0/8", false, true)]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", true, true)]
    [InlineData("10.0.0.0/9", "10.128.0.0/9", false, false)]
    [InlineData("0.0.0.0/0", "::/0", false, false)]
    [InlineData("::/0", "2001:db8::/32", true, true)]
    [InlineData("2001:db8::/48", "2001:db8::/32", false, true)]
    public void ContainsAndOverlaps_Blocks(string a, string b, bool contains, bool overlaps)
    {
        var (x, y) = (Cidr.Parse(a), Cidr.Parse(b));

        Assert.Equal(contains, x.Contains(y));
        Assert.Equal(overlaps, x.Overlaps(y));
        Assert.Equal(overlaps, y.Overlaps(x));
    }

    [Fact]
    public void CompareTo_OrdersByFamilyThenNetworkThenPrefix()
    {
        var blocks = new[] { "2001:db8::/32", "10.0.0.0/16", "10.0.0.0/8", "9.0.0.0/8", "::/0" }.Select(Cidr.Parse).ToList();

        blocks.Sort();

        Assert.Equal(["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::/0", "2001:db8::/32"], blocks.Select(b => b.ToString()));
    }

    [Fact]
    public void Host_Address_SingleAddressBlock()
    {
        Assert.Equal("192.0.2.7/32", Cidr.Host(IPAddress.Parse("192.0.2.7")).ToString());
        Assert.Equal("2001:db8::7/128", Cidr.Host(IPAddress.Parse("2001:db8::7")).ToString());
    }

    [Fact]
    public void Json_RoundTripsAsCanonicalText()
    {
        var json = JsonSerializer.Serialize(new[] { Cidr.Parse("10.0.0.5/24"), Cidr.Parse("2001:db8::/32") });

        Assert.Equal("[\"10.0.0.0/24\",\"2001:db8::/32\"]", json);
        Assert.Equal([Cidr.Parse("10.0.0.0/24"), Cidr.Parse("2001:db8::/32")], JsonSerializer.Deserialize<Cidr[]>(json)!);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Cidr>("\"10.0.0.0/33\""));
    }

    [Fact]
    public void Parse_RandomAddressesAndPrefixes_RoundTripThroughText()
    {
        var random = new Random(11);
        for (var i = 0; i < 2000; i++)
        {
            var family = random.Next(2) == 0 ? IpFamily.IPv4 : IpFamily.IPv6;
            var value = family == IpFamily.IPv4
                ? (UInt128)(uint)random.NextInt64(0, uint.MaxValue + 1L)
                : new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());
            var prefix = random.Next(0, family == IpFamily.IPv4 ? 33 : 129);
            var cidr = Cidr.Create(family, value, prefix);

            var parsed = Cidr.Parse(cidr.ToString());

            Assert.Equal(cidr, parsed);
            Assert.True(cidr.Contains(family, value));
            Assert.Equal(UInt128.Zero, cidr.Network & (cidr.Last - cidr.Network));
        }
    }
}
