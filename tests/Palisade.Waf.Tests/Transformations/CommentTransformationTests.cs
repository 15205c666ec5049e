using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class CommentTransformationTests
{
    [Theory]
    [InlineData("UNION/**/SELECT", "UNION SELECT")]
    [InlineData("a/*x*/b/*y*/c", "a b c")]
    [InlineData("a/*open", "a ")]
    [InlineData("a*/b", "a*/b")]
    [InlineData("a/*/b", "a ")]
    [InlineData("1 -- x", "1 -- x")]
    public void ReplaceComments_CComments_BecomeOneSpace(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.ReplaceComments, input));
    }

    [Theory]
    [InlineData("UNION/**/SELECT", "UNIONSELECT")]
    [InlineData("1/*a*//*b*/2", "12")]
    [InlineData("x<!--hidden-->y", "xy")]
    [InlineData("SELECT 1 -- rest", "SELECT 1 ")]
    [InlineData("id=1#comment", "id=1")]
    [InlineData("keep/*open", "keep ")]
    [InlineData("a*/b", "a*/b")]
    public void RemoveComments_Comment_IsRemovedWithItsContent(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.RemoveComments, input));
    }

    [Theory]
    [InlineData("UNION/**/SELECT", "UNIONSELECT")]
    [InlineData("a/*b*/c", "abc")]
    [InlineData("<!--x-->", "x")]
    [InlineData("1--2#3", "123")]
    [InlineData("a--->", "a->")]
    [InlineData("*/*", "*")]
    [InlineData("a-b/c", "a-b/c")]
    public void RemoveCommentsChar_Markers_AreDeletedTextKept(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.RemoveCommentsChar, input));
    }
}
