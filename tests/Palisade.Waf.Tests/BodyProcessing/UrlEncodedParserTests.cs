using System.Text;
using Palisade.Waf.BodyProcessing;

namespace Palisade.Waf.Tests.BodyProcessing;

public sealed class UrlEncodedParserTests
{
    private static (List<BodyArgument> Arguments, UrlEncodedParseResult Result) Parse(string input, int maxArguments = 1000, char separator = '&')
    {
        var arguments = new List<BodyArgument>();
        var result = UrlEncodedParser.Parse(input.AsSpan(), separator, maxArguments, BodyTextEncoding.Latin1Bytes, arguments);
        return (arguments, result);
    }

    [Fact]
    public void Parse_PlusAndPercentSequences_DecodedInOrderWithDuplicatesKept()
    {
        var (arguments, result) = Parse("a=1+2&b=%41%62c&a=x%20y");

        Assert.Equal([new("a", "1 2"), new("b", "Abc"), new("a", "x y")], arguments);
        Assert.Equal(3, result.Added);
        Assert.False(result.InvalidEncoding);
    }

    [Theory]
    [InlineData("a=%zz", "%zz")]
    [InlineData("a=%4", "%4")]
    [InlineData("a=50%", "50%")]
    [InlineData("a=%%41", "%A")]
    public void Parse_InvalidPercentSequence_KeptAsIsAndFlagged(string input, string expectedValue)
    {
        var (arguments, result) = Parse(input);

        Assert.Equal(expectedValue, Assert.Single(arguments).Value);
        Assert.True(result.InvalidEncoding);
    }

    [Fact]
    public void Parse_NameWithoutEquals_EmptyValueAndSplitAtFirstEquals()
    {
        var (arguments, _) = Parse("flag&k=v=w");

        Assert.Equal([new("flag", ""), new("k", "v=w")], arguments);
    }

    [Fact]
    public void Parse_EmptyPieces_KeptLikeGetlineExceptTrailing()
    {
        // std::getline yields "", "a=1", "" and "b=2" for "&a=1&&b=2&" (no piece after the last separator).
        var (arguments, _) = Parse("&a=1&&b=2&");

        Assert.Equal([new("", ""), new("a", "1"), new("", ""), new("b", "2")], arguments);
    }

    [Fact]
    public void Parse_EmptyInput_NoArguments()
    {
        var (arguments, result) = Parse("");

        Assert.Empty(arguments);
        Assert.Equal(default, result);
    }

    [Fact]
    public void Parse_CustomSeparator_SplitsOnItOnly()
    {
        var (arguments, _) = Parse("a=1;b=2&c", separator: ';');

        Assert.Equal([new("a", "1"), new("b", "2&c")], arguments);
    }

    [Fact]
    public void Parse_PastLimit_DropsRestButStillFlagsInvalidEncoding()
    {
        var (arguments, result) = Parse("a=1&b=2&c=%G1", maxArguments: 2);

        Assert.Equal([new("a", "1"), new("b", "2")], arguments);
        Assert.True(result.LimitExceeded);
        Assert.True(result.InvalidEncoding);
    }

    [Fact]
    public void Parse_EncodedHighBytes_OneCharPerByte()
    {
        var (arguments, _) = Parse("q=%C3%A9%00x");

        Assert.Equal("\u00C3\u00A9\0x", Assert.Single(arguments).Value);
    }

    [Fact]
    public void Parse_Utf8Encoding_DecodesBytesAsUtf8()
    {
        var arguments = new List<BodyArgument>();
        UrlEncodedParser.Parse("q=%C3%A9"u8, (byte)'&', 10, BodyTextEncoding.Utf8, arguments);

        Assert.Equal("é", Assert.Single(arguments).Value);
    }

    [Fact]
    public void Parse_TextAboveLatin1_TakenAsUtf8Bytes()
    {
        var (arguments, _) = Parse("q=é€");

        Assert.Equal(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("é€")), Assert.Single(arguments).Value);
    }

    [Fact]
    public void Parse_HundredThousandArguments_StopsAtLimitQuickly()
    {
        var input = string.Join('&', Enumerable.Range(0, 100_000).Select(i => $"k{i}=v{i}"));

        var (arguments, result) = Parse(input, maxArguments: 1000);

        Assert.Equal(1000, arguments.Count);
        Assert.Equal(new BodyArgument("k999", "v999"), arguments[^1]);
        Assert.True(result.LimitExceeded);
    }
}
