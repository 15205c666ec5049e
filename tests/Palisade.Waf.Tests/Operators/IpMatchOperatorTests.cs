using Palisade.Core;
using Palisade.Waf.Operators;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

public sealed class IpMatchOperatorTests
{
    private const string List = "192.0.2.1, 198.51.100.0/24,2001:db8::/32, 10.0.0.0/8";

    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("192.0.2.2", false)]
    [InlineData("198.51.100.255", true)]
    [InlineData("198.51.101.0", false)]
    [InlineData("10.255.0.7", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::ffff:198.51.100.4", true)]
    [InlineData("not-an-address", false)]
    [InlineData("", false)]
    [InlineData("192.0.2.1 ", false)]
    [InlineData("192.0.2", false)]
    [InlineData("1.2.3.4.5", false)]
    [InlineData("256.1.1.1", false)]
    public void IpMatch_Address_MatchesWhenInsideListedBlock(string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.IpMatch, List, input));
    }

    [Theory]
    [InlineData("192.0.2.300")]
    [InlineData("198.51.100.0/33")]
    [InlineData("example.org")]
    [InlineData(" , ")]
    public void IpMatch_BadEntry_FailsNamingTheEntry(string argument)
    {
        var error = Assert.Throws<OperatorCompilationException>(() => Compile(OperatorName.IpMatch, argument));

        Assert.Contains("@ipMatch", error.Message, StringComparison.Ordinal);
        Assert.Contains("192.0.2.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IpMatchFromFile_DataFile_ReadsOneBlockPerLineSkippingComments()
    {
        var files = new InMemoryRuleFileSystem([new("/rules/bad-ips.data", "# blocked\n\n203.0.113.0/25\r\n2001:db8:1::7\n")]);
        var op = new OperatorFactory(files).Compile(OperatorName.IpMatchFromFile, "bad-ips.data", ["/rules/bad-ips.data"]);

        Assert.True(op.IsMatch("203.0.113.100"));
        Assert.False(op.IsMatch("203.0.113.200"));
        Assert.True(op.IsMatch("2001:db8:1::7"));
    }

    [Fact]
    public void IpMatchFromFile_BadLine_FailsWithFileAndLine()
    {
        var files = new InMemoryRuleFileSystem([new("/rules/bad-ips.data", "203.0.113.1\nnot an ip\n")]);

        var error = Assert.Throws<OperatorCompilationException>(() =>
            new OperatorFactory(files).Compile(OperatorName.IpMatchFromFile, "bad-ips.data", ["/rules/bad-ips.data"]));

        Assert.Contains("/rules/bad-ips.data:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IpMatch_RandomBlocksAndAddresses_AgreesWithCidrContains()
    {
        var random = new Random(8000);
        for (var round = 0; round < 200; round++)
        {
            var blocks = Enumerable.Range(0, random.Next(1, 12)).Select(_ => RandomIPv4Block(random)).ToList();
            var op = Compile(OperatorName.IpMatch, string.Join(",", blocks));
            for (var probe = 0; probe < 50; probe++)
            {
                var address = $"10.{random.Next(4)}.{random.Next(256)}.{random.Next(256)}";
                var expected = blocks.Any(b => Cidr.Parse(b).Contains(System.Net.IPAddress.Parse(address)));

                Assert.Equal(expected, op.IsMatch(address));
            }
        }
    }

    private static string RandomIPv4Block(Random random) => $"10.{random.Next(4)}.{random.Next(256)}.{random.Next(256)}/{random.Next(14, 33)}";
}
