using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class JsDecodeTests
{
    [Theory]
    [InlineData(@"\u0061lert", "alert")]
    [InlineData(@"\uFF08x\uff09", "(x)")]
    [InlineData(@"\u263A", ":")]
    [InlineData(@"\x3cb\x3E", "<b>")]
    [InlineData(@"\101\102", "AB")]
    [InlineData(@"\7", "\a")]
    [InlineData(@"\477", "'7")]
    [InlineData(@"\3770", "\u00ff0")]
    [InlineData(@"\n\t\v\f\b\a\r", "\n\t\v\f\b\a\r")]
    [InlineData(@"\'\""\\\q", "'\"\\q")]
    [InlineData(@"\u12", "u12")]
    [InlineData(@"\xZ1", "xZ1")]
    [InlineData(@"\U0041", "U0041")]
    [InlineData(@"end\", @"end\")]
    public void JsDecode_Escape_DecodesAsModSecurity(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.JsDecode, input));
    }

    [Theory]
    [InlineData(@"\n\x41\101\q\?", "\nAAq?")]
    [InlineData(@"\X41\x4", "Ax4")]
    [InlineData(@"\777", "\u00ff")]
    [InlineData(@"\08", "\u00008")]
    [InlineData(@"\u0041", "u0041")]
    [InlineData(@"x\", @"x\")]
    public void EscapeSeqDecode_Escape_DecodesAnsiC(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.EscapeSeqDecode, input));
    }
}
