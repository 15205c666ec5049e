using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Tests.Transformations;

public sealed class TransformationResolutionTests
{
    [Theory]
    [InlineData("urlDecodeUni", TransformationName.UrlDecodeUni)]
    [InlineData("URLDECODEUNI", TransformationName.UrlDecodeUni)]
    [InlineData("base64decode", TransformationName.Base64Decode)]
    [InlineData("normalisePath", TransformationName.NormalizePath)]
    [InlineData("normalisePathWin", TransformationName.NormalizePathWin)]
    [InlineData("utf8toUnicode", TransformationName.Utf8ToUnicode)]
    [InlineData("none", TransformationName.None)]
    public void TryResolve_NameInAnyCaseOrSpelling_FindsTransformation(string text, TransformationName expected)
    {
        Assert.True(Transformation.TryResolve(text, out var transformation));
        Assert.Equal(expected, transformation.Name);
        Assert.Same(Transformation.Get(expected), transformation);
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsListingAcceptedNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Transformation.Resolve("rot13"));

        Assert.Contains("t:rot13", error.Message, StringComparison.Ordinal);
        Assert.Contains("urlDecodeUni", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TransformationTestSupport.AllNames), MemberType = typeof(TransformationTestSupport))]
    public void Get_EveryName_ReturnsImplementationWithThatName(TransformationName name)
    {
        var transformation = Transformation.Get(name);

        Assert.Equal(name, transformation.Name);
        Assert.Equal("t:" + TransformationCatalog.NameOf(name), transformation.ToString());
    }

    [Fact]
    public void Get_ValueOutsideEnum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Transformation.Get((TransformationName)999));
    }

    [Fact]
    public void None_AnyValue_LeavesItUnchanged()
    {
        const string Input = "%41 <b>";

        Assert.False(Transformation.Get(TransformationName.None).TryApply(Input, out var output));
        Assert.Same(Input, output);
    }
}
