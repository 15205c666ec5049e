using Palisade.Waf.Detection;

namespace Palisade.Waf.Tests.Detection;

public sealed class SqlInjectionDetectorTests
{
    [Theory]
    [InlineData("1234 OR 1=1", "1&1o1")]
    [InlineData("-1839' or '1'='1", "s&sos")]
    [InlineData("EmptyValue' and 526=527", "s&1o1")]
    [InlineData("foo') UNION ALL select NULL --", "s)UE1c")]
    [InlineData("foo')waitfor delay'5:0:20'--", "s)Tsc")]
    [InlineData("sleep(20)", "f(1)")]
    [InlineData("2010-01-01'+sleep(20.to_i)+'", "sof(n)os")]
    [InlineData("\" | type %SystemDrive%\\\\config.ini | \"", "sonos")]
    public void IsSqlInjection_CrsPayload_DetectedWithFingerprint(string input, string fingerprint)
    {
        Assert.True(SqlInjectionDetector.IsSqlInjection(input, out var actual));
        Assert.Equal(fingerprint, actual.ToString());
    }

    [Theory]
    [InlineData("abc'", false, "a lone closing quote is not SQL")]
    [InlineData("admin'--", true, "comment truncation after the break-out")]
    [InlineData("admin'#", true, "'#' truncation with nothing after it")]
    [InlineData("Joe' #1 fan", false, "'#' followed by prose")]
    [InlineData("x' or y", false, "a lone name after OR is prose")]
    [InlineData("x' or 'y", true, "OR with a literal in a quoted context")]
    [InlineData("x'='x", true, "comparison with the reopened string")]
    [InlineData("x' + 'y", true, "concatenation that reopens the string")]
    [InlineData("id'is notes", false, "IS takes NULL/TRUE/FALSE/UNKNOWN only")]
    [InlineData("x'~email--", false, "~ is unary, so the comment follows a syntax error")]
    [InlineData("x' (select 1) '", true, "a subquery right after the break-out")]
    [InlineData("mysql \"order by\" not working", false, "ORDER BY on a lone string is prose")]
    [InlineData("Add a '+' to the version string", false, "a quoted operator inside a sentence")]
    [InlineData("Remove the stray \"--\", left over", false, "a quoted comment marker")]
    [InlineData("make install\" in the build directory", false, "IN needs a parenthesised list")]
    [InlineData("' or '' '", true, "the gap between concatenated strings is not prose")]
    public void IsSqlInjection_QuotedContext_JudgedByWhatFollowsTheBreakOut(string input, bool expected, string reason)
    {
        Assert.True(expected == SqlInjectionDetector.IsSqlInjection(input), reason);
    }

    [Theory]
    [InlineData("1 or 2", false, "two numbers")]
    [InlineData("1 or true", true, "a boolean after a number")]
    [InlineData("1 xor 1", true, "the same number on both sides")]
    [InlineData("true or false", false, "no number to inject into")]
    [InlineData("Tom and Jerry", false, "names")]
    [InlineData("admin or 1=1", true, "a tautology")]
    [InlineData("a or b=c", false, "a comparison of names")]
    [InlineData("price > 5 and rating = 4", false, "a filter: the prefix is itself a comparison")]
    [InlineData("1--", true, "truncation after a number")]
    [InlineData("5 -- 6", false, "a comment with text after it")]
    [InlineData("2010--2012", false, "arithmetic")]
    [InlineData("or 1=1--", true, "logic at the start")]
    [InlineData("or else", false, "logic and a word")]
    [InlineData("1 order by 10", true, "column probe after a number")]
    public void IsSqlInjection_ValueContext_JudgedAsAValueInANumericPosition(string input, bool expected, string reason)
    {
        Assert.True(expected == SqlInjectionDetector.IsSqlInjection(input), reason);
    }

    [Theory]
    [InlineData("select * from users", true)]
    [InlineData("select one from the list", false)]
    [InlineData("SELECT username, password FROM users", true)]
    [InlineData("union select null--", true)]
    [InlineData("The Union Select committee met today", false)]
    [InlineData("drop table users", true)]
    [InlineData("Drop table tennis lessons", false)]
    [InlineData("Update available", false)]
    [InlineData("update users set admin=1", true)]
    [InlineData("delete from cart", false)]
    [InlineData("delete from users where id=1", true)]
    [InlineData("1; delete from cart", true)]
    [InlineData("1;shutdown", true)]
    [InlineData("shutdown", false)]
    [InlineData("from information_schema.tables where 1=1", true)]
    [InlineData("from here to there", false)]
    public void IsSqlInjection_WholeStatement_MustHaveAStatementsShape(string input, bool expected)
    {
        Assert.Equal(expected, SqlInjectionDetector.IsSqlInjection(input));
    }

    [Theory]
    [InlineData("sleep(5)", true)]
    [InlineData("sleep(8 hours)", false)]
    [InlineData("version()", true)]
    [InlineData("version (2.0)", false)]
    [InlineData("User (optional)", false)]
    [InlineData("count(*)", false)]
    [InlineData("benchmark(1000000,md5(1))", true)]
    public void IsSqlInjection_FunctionCallAlone_OnlyWhenAnAttackersFunction(string input, bool expected)
    {
        Assert.Equal(expected, SqlInjectionDetector.IsSqlInjection(input));
    }

    [Theory]
    [InlineData("/post/*/*/2 union all/bar", "onc1Uon", "CRS 942101-9: UNION ALL behind the comment")]
    [InlineData("/x/*/*/1 union (select 1)", "onc1U(E1)", "a set operator before '('")]
    [InlineData("/x/*/*/select @@version", "oncEv", "SELECT with a select list")]
    [InlineData("/x/*/*/waitfor delay '0:0:5'", "oncTs", "WAITFOR DELAY")]
    [InlineData("/x/*/*/exec master..xp_cmdshell 'dir'", "oncTns", "EXEC of an attacker's procedure")]
    [InlineData("/x/*/*/sleep(5)", "oncf(1)", "an attacker's function call")]
    [InlineData("/x/* a /* b */ declare @t int", "oncTvn", "DECLARE after a nested opener")]
    public void IsSqlInjection_SqlBehindNestedCommentOpener_Detected(string input, string fingerprint, string reason)
    {
        Assert.True(SqlInjectionDetector.IsSqlInjection(input, out var actual), reason);
        Assert.Equal(fingerprint, actual.ToString());
    }

    [Theory]
    [InlineData("/usr/*/lib/*/libfoo.so", "a path glob")]
    [InlineData("/maps/*/cities/*/union-square", "a lone UNION is a name")]
    [InlineData("bucket/*/logs/*/select-box", "SELECT without a select list")]
    [InlineData("/* outer /* inner */ still a comment */", "prose in nested comments")]
    [InlineData("/post/foo/24 union all select 1,2,3 from aa/bar", "CRS 942101-11: no comment, a path")]
    [InlineData("/x/*/*/user(name)", "a fingerprinting function with arguments is prose")]
    public void IsSqlInjection_NestedCommentOpenerWithoutSql_NotDetected(string input, string reason)
    {
        Assert.False(SqlInjectionDetector.IsSqlInjection(input), reason);
    }

    [Fact]
    public void IsSqlInjection_Empty_FalseWithDefaultFingerprint()
    {
        Assert.False(SqlInjectionDetector.IsSqlInjection([], out var fingerprint));
        Assert.Equal(default, fingerprint);
        Assert.Equal("", fingerprint.ToString());
    }

    [Fact]
    public void IsSqlInjection_PaddingBeforeTheBreakOut_StaysInsideTheString()
    {
        // Text before the closing quote is string content, however long: only what follows it is judged.
        var input = new string('x', 100_000) + "' or '1'='1";

        Assert.True(SqlInjectionDetector.IsSqlInjection(input, out var fingerprint));
        Assert.Equal("s&sos", fingerprint.ToString());
    }

    [Fact]
    public void Fingerprint_Letters_ReadBackAndFormat()
    {
        Assert.True(SqlInjectionDetector.IsSqlInjection("' union select 1,2,3,4,5,6,7,8,9 from users where 1=1--", out var fingerprint));

        Assert.Equal(fingerprint.ToString().Length, fingerprint.Length);
        Assert.Equal('s', fingerprint[0]);
        Assert.Equal('U', fingerprint[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => fingerprint[fingerprint.Length]);
        Span<char> small = stackalloc char[1];
        Assert.False(fingerprint.TryFormat(small, out _));
        Span<char> large = stackalloc char[SqlFingerprint.MaxLength];
        Assert.True(fingerprint.TryFormat(large, out var written));
        Assert.Equal(fingerprint.ToString(), large[..written].ToString());
    }

    [Fact]
    public void Fingerprint_SameInput_EqualFingerprints()
    {
        SqlInjectionDetector.IsSqlInjection("1 or 1=1", out var a);
        SqlInjectionDetector.IsSqlInjection("2 OR 3=3", out var b);
        SqlInjectionDetector.IsSqlInjection("' or 1=1--", out var c);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.NotEqual(a, c);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }
}
