using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class Utf8ToUnicodeTests
{
    [Theory]
    [InlineData("é", "%u00e9")]
    [InlineData("a€b", "a%u20acb")]
    [InlineData("😀", "%u1f600")]
    [InlineData("plain", "plain")]
    public void Utf8ToUnicode_WellFormedUtf8_WritesPercentUCodePoints(string text, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.Utf8ToUnicode, ByteText.FromRuleText(text)));
    }

    [Theory]
    [InlineData("\u00c3(", "(")]
    [InlineData("\u00e2\u0082", "\u0082")]
    [InlineData("\u0080x", "\u0080x")]
    [InlineData("\u00ff", "\u00ff")]
    [InlineData("\u00c0\u0080", "%u0000\u00c0")]
    [InlineData("\u00ed\u00a0\u0080", "%ud800\u00ed")]
    [InlineData("\u00f5\u0080\u0080\u0080", "\u00f5%u140000")]
    [InlineData("a\0b", "ab")]
    public void Utf8ToUnicode_MalformedBytes_KeepsModSecurityQuirks(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.Utf8ToUnicode, input));
    }
}
