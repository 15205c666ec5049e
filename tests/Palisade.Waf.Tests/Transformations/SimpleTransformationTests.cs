using Palisade.Waf.Transformations;
using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class SimpleTransformationTests
{
    [Theory]
    [InlineData(TransformationName.Lowercase, "SeLeCT \u00c9", "select \u00c9")]
    [InlineData(TransformationName.Uppercase, "select \u00e9", "SELECT \u00e9")]
    [InlineData(TransformationName.RemoveNulls, "a\0b\0", "ab")]
    [InlineData(TransformationName.ReplaceNulls, "a\0b", "a b")]
    [InlineData(TransformationName.Length, "", "0")]
    [InlineData(TransformationName.Length, "\u00e9\u00e9\u00e9", "3")]
    [InlineData(TransformationName.HexEncode, "A\u00ff\n", "41ff0a")]
    [InlineData(TransformationName.HexDecode, "41ff0a", "A\u00ff\n")]
    [InlineData(TransformationName.HexDecode, "4142F", "AB")]
    [InlineData(TransformationName.HexDecode, "zz", "S")]
    public void Apply_Input_GivesModSecurityResult(TransformationName name, string input, string expected)
    {
        Assert.Equal(expected, Apply(name, input));
    }

    [Theory]
    [InlineData("0x414243", "ABC")]
    [InlineData("SELECT 0X6162,0x", "SELECT ab,0x")]
    [InlineData("0x41420x43", "ABC")]
    [InlineData("0x414", "A4")]
    [InlineData("0xz", "0xz")]
    [InlineData("a\00x41", "a\0A")]
    [InlineData("x0x4", "x0x4")]
    public void SqlHexDecode_HexLiterals_BecomeBytes(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.SqlHexDecode, input));
    }

    [Theory]
    [InlineData("ping;ls", "ping ls")]
    [InlineData("C:\\> DiR  /S", "c:> dir/s")]
    [InlineData("c^at  \"/etc/pa'ss'wd\"", "cat/etc/passwd")]
    [InlineData("a , ; b", "a b")]
    [InlineData("echo (x)", "echo(x)")]
    [InlineData("x \" (y)", "x(y)")]
    public void CmdLine_CommandLine_IsNormalised(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.CmdLine, input));
    }

    [Theory]
    [InlineData(TransformationName.Md5, "", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(TransformationName.Md5, "abc", "900150983cd24fb0d6963f7d28e17f72")]
    [InlineData(TransformationName.Sha1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    public void Hash_Input_IsRawDigest(TransformationName name, string input, string expectedHex)
    {
        var hex = TransformationPipeline.Create(name, TransformationName.HexEncode).Apply(input);

        Assert.Equal(expectedHex, hex);
        Assert.Equal(expectedHex.Length / 2, Apply(name, input).Length);
    }
}
