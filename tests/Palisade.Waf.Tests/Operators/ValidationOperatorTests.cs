using System.Text.Unicode;
using Palisade.Waf.Operators;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

public sealed class ValidationOperatorTests
{
    [Theory]
    [InlineData("32-126", "Hello, world!", false)]
    [InlineData("32-126", "tab\there", true)]
    [InlineData("32-126", "", false)]
    [InlineData("1-255", "a\0b", true)]
    [InlineData("1-255", "\u00ff\u0001", false)]
    [InlineData("9,10,13,32-126", "line\r\n", false)]
    [InlineData(" 48-57 , 65 ", "12A", false)]
    [InlineData(" 48-57 , 65 ", "12B", true)]
    [InlineData("0-255", "\u0100", true)]
    public void ValidateByteRange_Input_MatchesWhenAByteIsOutsideTheRanges(string ranges, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.ValidateByteRange, ranges, input));
    }

    [Theory]
    [InlineData("256")]
    [InlineData("1-300")]
    [InlineData("50-40")]
    [InlineData("a-z")]
    [InlineData("1,,2")]
    [InlineData("-5")]
    public void ValidateByteRange_BadRanges_FailsNamingTheItem(string ranges)
    {
        var error = Assert.Throws<OperatorCompilationException>(() => Compile(OperatorName.ValidateByteRange, ranges));

        Assert.Contains("@validateByteRange", error.Message, StringComparison.Ordinal);
        Assert.Contains("0-255", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a%20b%2F", false)]
    [InlineData("", false)]
    [InlineData("plain", false)]
    [InlineData("100%", true)]
    [InlineData("%4", true)]
    [InlineData("a%4x", true)]
    [InlineData("%u0041", true)]
    [InlineData("%41%", true)]
    [InlineData("%%41", true)]
    public void ValidateUrlEncoding_Input_MatchesInvalidPercentSequences(string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.ValidateUrlEncoding, "", input));
    }

    [Theory]
    [InlineData("plain ascii", false)]
    [InlineData("", false)]
    [InlineData("\u00c3\u00a9", false)]
    [InlineData("\u00f0\u009f\u0098\u0080", false)]
    [InlineData("\u00c3", true)]
    [InlineData("\u00c3(", true)]
    [InlineData("\u00a9", true)]
    [InlineData("\u00c0\u0080", true)]
    [InlineData("\u00e0\u0080\u0080", true)]
    [InlineData("\u00ed\u00a0\u0080", true)]
    [InlineData("\u00f4\u0090\u0080\u0080", false)]
    [InlineData("\u00f5\u0080\u0080\u0080", true)]
    [InlineData("\u00ff", true)]
    public void ValidateUtf8Encoding_Bytes_MatchesInvalidUtf8(string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.ValidateUtf8Encoding, "", input));
    }

    [Fact]
    public void ValidateUtf8Encoding_RandomBytes_AgreesWithDotNetUtf8Validation()
    {
        var op = Compile(OperatorName.ValidateUtf8Encoding, "");
        var random = new Random(7000);
        var bytes = new byte[12];
        for (var round = 0; round < 20_000; round++)
        {
            var length = random.Next(bytes.Length + 1);
            for (var i = 0; i < length; i++)
            {
                bytes[i] = random.Next(3) == 0 ? (byte)random.Next(0x80, 0xC0) : (byte)random.Next(256);

                // ModSecurity only rejects lead bytes from F5 up, so F4 90.. (above U+10FFFF) passes there; leave it out.
                if (bytes[i] == 0xF4)
                {
                    bytes[i] = 0xF3;
                }
            }

            var span = bytes.AsSpan(0, length);

            // Otherwise ModSecurity's check is RFC 3629 validity, which .NET's strict decoder implements.
            Assert.Equal(!Utf8.IsValid(span), op.IsMatch(ByteText.FromBytes(span)));
        }
    }
}
