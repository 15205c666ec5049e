using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class UrlDecodeTests
{
    [Theory]
    [InlineData("a%3Cb%3e", "a<b>")]
    [InlineData("one+two", "one two")]
    [InlineData("%00%ff", "\0\u00ff")]
    [InlineData("100%", "100%")]
    [InlineData("%4", "%4")]
    [InlineData("%zz%41", "%zzA")]
    [InlineData("%%41", "%A")]
    [InlineData("%u0041", "%u0041")]
    [InlineData("%2541", "%41")]
    public void UrlDecode_Input_DecodesAsModSecurity(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.UrlDecode, input));
    }

    [Theory]
    [InlineData("%u0041%u0062", "Ab")]
    [InlineData("%U003C", "<")]
    [InlineData("%uFF1Cscript%uff1e", "<script>")]
    [InlineData("%u4E2D", "-")]
    [InlineData("%uff00", "\0")]
    [InlineData("%uff5f", "_")]
    [InlineData("%u12", "%u12")]
    [InlineData("%u12G4x", "%u12G4x")]
    [InlineData("%u", "%u")]
    [InlineData("a+%41", "a A")]
    [InlineData("%", "%")]
    public void UrlDecodeUni_Input_DecodesLowByteAndFullWidthAscii(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.UrlDecodeUni, input));
    }

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("x=1&y=2", "x%3d1%26y%3d2")]
    [InlineData("*Az09", "*Az09")]
    [InlineData("\u00e9-", "%e9%2d")]
    public void UrlEncode_Input_EncodesAllButLettersDigitsAndStar(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.UrlEncode, input));
    }
}
