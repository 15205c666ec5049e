using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class WhitespaceTransformationTests
{
    [Theory]
    [InlineData("a \t\n\v\f\rb", "ab")]
    [InlineData("java\u00a0script", "javascript")]
    [InlineData("x\u0085y", "x\u0085y")]
    public void RemoveWhitespace_Input_DropsCWhitespaceAndNbsp(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.RemoveWhitespace, input));
    }

    [Theory]
    [InlineData("a \t\r\n b", "a b")]
    [InlineData("  lead", " lead")]
    [InlineData("a\tb", "a b")]
    [InlineData("a\u00a0\u00a0b", "a\u00a0\u00a0b")]
    public void CompressWhitespace_Runs_BecomeOneSpace(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.CompressWhitespace, input));
    }

    [Theory]
    [InlineData(TransformationName.Trim, " \t x y \r\n", "x y")]
    [InlineData(TransformationName.TrimLeft, " \t x y \r\n", "x y \r\n")]
    [InlineData(TransformationName.TrimRight, " \t x y \r\n", " \t x y")]
    [InlineData(TransformationName.Trim, "\u00a0x\u00a0", "\u00a0x\u00a0")]
    [InlineData(TransformationName.Trim, "   ", "")]
    public void Trim_Input_RemovesCWhitespaceAtTheEnds(TransformationName name, string input, string expected)
    {
        Assert.Equal(expected, Apply(name, input));
    }
}
