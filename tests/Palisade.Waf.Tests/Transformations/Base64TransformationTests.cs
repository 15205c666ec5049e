using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class Base64TransformationTests
{
    [Theory]
    [InlineData("aGVsbG8=", "hello")]
    [InlineData("aGVsbG8h", "hello!")]
    [InlineData("aGk=", "hi")]
    [InlineData("aA==", "h")]
    [InlineData("aGVs\nbG8h", "hello!")]
    [InlineData("aGVs\r\nbG8h  ", "hello!")]
    [InlineData("aGk=\0garbage", "hi")]
    [InlineData("aGk", "")]
    [InlineData("aGVs bG8h", "")]
    [InlineData("aG=k", "")]
    [InlineData("aGk===", "")]
    [InlineData("a-_b", "")]
    [InlineData("Zm9v\u00e9", "")]
    public void Base64Decode_Input_DecodesOnlyStrictBase64(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.Base64Decode, input));
    }

    [Theory]
    [InlineData("aGVsbG8=", "hello")]
    [InlineData("aG.V sbG8", "hello")]
    [InlineData("aGk", "hi")]
    [InlineData("-_-_", "\u00fb\u00ff\u00bf")]
    [InlineData("a=b", "")]
    [InlineData("a==", "")]
    [InlineData("!!!", "")]
    public void Base64DecodeExt_Input_SkipsWhatIsNotBase64(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.Base64DecodeExt, input));
    }

    [Theory]
    [InlineData("hello", "aGVsbG8=")]
    [InlineData("hi", "aGk=")]
    [InlineData("\u00ff\u00fe\u00fd", "//79")]
    public void Base64Encode_Bytes_EncodesWithPadding(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.Base64Encode, input));
    }
}
