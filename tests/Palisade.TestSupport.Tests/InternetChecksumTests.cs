using System.Net;
using Palisade.TestSupport.Packets;

namespace Palisade.TestSupport.Tests;

public sealed class InternetChecksumTests
{
    [Fact]
    public void Compute_Rfc1071Example_MatchesPublishedSum()
    {
        // RFC 1071 section 3: the sum of 0001 f203 f4f5 f6f7 folds to ddf2, so the checksum is its complement.
        byte[] data = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];

        Assert.Equal(0xddf2, InternetChecksum.Fold(InternetChecksum.Add(0, data)));
        Assert.Equal(0x220d, InternetChecksum.Compute(data));
    }

    [Fact]
    public void Add_OddLength_PadsLastByteWithZero()
    {
        Assert.Equal(InternetChecksum.Add(0, [0x12, 0x34, 0x56, 0x00]), InternetChecksum.Add(0, [0x12, 0x34, 0x56]));
    }

    [Fact]
    public void Fold_ManyCarries_FoldsUntilSixteenBits()
    {
        Assert.Equal(0xFFFF, InternetChecksum.Fold(0xFFFF_FFFF));
        Assert.Equal(0x0001, InternetChecksum.Fold(0x1_0000));
    }

    [Fact]
    public void PseudoHeaderSum_IPv6_IncludesLengthAndNextHeader()
    {
        var source = IPAddress.Parse("2001:2::1");
        var destination = IPAddress.Parse("2001:2::2");
        var withoutLength = InternetChecksum.PseudoHeaderSum(source, destination, 17, 0);

        Assert.Equal(withoutLength + 0x10, InternetChecksum.PseudoHeaderSum(source, destination, 17, 0x10));
        Assert.Equal(withoutLength + 0x1 + 0x2, InternetChecksum.PseudoHeaderSum(source, destination, 17, 0x1_0002));
    }

    [Fact]
    public void PseudoHeaderSum_MixedFamilies_Throws()
    {
        Assert.Throws<ArgumentException>(() => InternetChecksum.PseudoHeaderSum(IPAddress.Parse("198.18.0.1"), IPAddress.Parse("2001:2::1"), 6, 20));
    }
}
