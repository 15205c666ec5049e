using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class CssDecodeTests
{
    [Theory]
    [InlineData(@"\6a\61vascript", "javascript")]
    [InlineData(@"\6A \61 v", "jav")]
    [InlineData(@"\00006a", "j")]
    [InlineData(@"\ff3c", "\\")]
    [InlineData(@"\0ff3c", "\\")]
    [InlineData(@"\1ff3c", "<")]
    [InlineData(@"\123456789", "V789")]
    [InlineData(@"\e", "\u000e")]
    [InlineData("a\\\nb", "ab")]
    [InlineData(@"\(x\)", "(x)")]
    [InlineData(@"url\", "url")]
    public void CssDecode_Escape_DecodesLastTwoHexDigits(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.CssDecode, input));
    }
}
