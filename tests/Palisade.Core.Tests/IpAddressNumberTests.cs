using System.Net;

namespace Palisade.Core.Tests;

public sealed class IpAddressNumberTests
{
    [Theory]
    [InlineData("0.0.0.0", IpFamily.IPv4, "0")]
    [InlineData("10.0.0.1", IpFamily.IPv4, "167772161")]
    [InlineData("255.255.255.255", IpFamily.IPv4, "4294967295")]
    [InlineData("::ffff:10.0.0.1", IpFamily.IPv4, "167772161")]
    [InlineData("::1", IpFamily.IPv6, "1")]
    [InlineData("::1:0:0:0:0", IpFamily.IPv6, "18446744073709551616")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", IpFamily.IPv6, "340282366920938463463374607431768211455")]
    public void ToNumber_Address_BigEndianNumber(string address, IpFamily family, string number)
    {
        var (actualFamily, value) = IpAddressNumber.ToNumber(IPAddress.Parse(address));

        Assert.Equal(family, actualFamily);
        Assert.Equal(UInt128.Parse(number, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void ToAddress_RandomNumbers_RoundTrip()
    {
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var v4 = (UInt128)(uint)random.NextInt64(0, uint.MaxValue + 1L);
            var v6 = new UInt128((ulong)random.NextInt64(), (ulong)random.NextInt64());

            Assert.Equal((IpFamily.IPv4, v4), IpAddressNumber.ToNumber(IpAddressNumber.ToAddress(IpFamily.IPv4, v4)));
            Assert.Equal((IpFamily.IPv6, v6), IpAddressNumber.ToNumber(IpAddressNumber.ToAddress(IpFamily.IPv6, v6)));
        }
    }

    [Fact]
    public void ToNumber_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => IpAddressNumber.ToNumber(null!));
    }
}
