using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Transformations.TransformationTestSupport;

namespace Palisade.Waf.Tests.Transformations;

public sealed class NormalizePathTests
{
    [Theory]
    [InlineData("/var/www/../../etc/passwd", "/etc/passwd")]
    [InlineData("/a/./b/.//c", "/a/b/c")]
    [InlineData("/../../x", "/x")]
    [InlineData("a/b/../../../c", "../c")]
    [InlineData("./x/./", "x/")]
    [InlineData("x//y/", "x/y/")]
    [InlineData("/x/y/..", "/x")]
    [InlineData("..", "..")]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("a\\..\\b", "a\\..\\b")]
    [InlineData("file.txt", "file.txt")]
    public void NormalizePath_Path_ResolvesDotSegmentsAndSlashRuns(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.NormalizePath, input));
    }

    [Theory]
    [InlineData("C:\\inetpub\\..\\windows\\win.ini", "C:/windows/win.ini")]
    [InlineData("\\\\srv\\\\share\\.\\f", "/srv/share/f")]
    [InlineData("a\\b/..\\c\\", "a/c/")]
    public void NormalizePathWin_BackslashPath_UsesForwardSlashes(string input, string expected)
    {
        Assert.Equal(expected, Apply(TransformationName.NormalizePathWin, input));
    }
}
