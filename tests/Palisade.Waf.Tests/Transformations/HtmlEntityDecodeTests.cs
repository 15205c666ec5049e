using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class HtmlEntityDecodeTests
{
    [Theory]
    [InlineData("&lt;img&gt;", "<img>")]
    [InlineData("&LT&Gt&QuOt&AMP", "<>\"&")]
    [InlineData("a&nbsp;b", "a\u00a0b")]
    [InlineData("&#60;&#x3c;&#X3C", "<<<")]
    [InlineData("&#0065x", "Ax")]
    [InlineData("&#x4e2d;", "-")]
    [InlineData("&#99999999999999999999;", "\u00ff")]
    [InlineData("&#;&#x;&#xg", "&#;&#x;&#xg")]
    [InlineData("&ltx;", "&ltx;")]
    [InlineData("&copy;&", "&copy;&")]
    [InlineData("&&lt;", "&<")]
    [InlineData("&#", "&#")]
    public void HtmlEntityDecode_Entity_DecodesNumericAndFiveNamedEntities(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.HtmlEntityDecode, input));
    }
}
