using Palisade.Waf.Detection.Sql;

namespace Palisade.Waf.Tests.Detection;

public sealed class SqlTokenFolderTests
{
    [Theory]
    [InlineData("1 union all select 1", "1UE1")]
    [InlineData("1 union distinct select 1", "1UE1")]
    [InlineData("x order by 1", "nB1")]
    [InlineData("x group by 1", "nB1")]
    [InlineData("1 is not null", "1o1")]
    [InlineData("1 not in (1)", "1o(1)")]
    [InlineData("x sounds like y", "non")]
    [InlineData("1 waitfor delay '0:0:5'", "1Ts")]
    [InlineData("1 into outfile 'x'", "1ks")]
    public void Fold_MultiWordPhrases_BecomeOneToken(string input, string fingerprint)
    {
        Assert.Equal(fingerprint, Fold(input, SqlQuoteContext.None).Fingerprint);
    }

    [Theory]
    [InlineData("((-1", "1")]
    [InlineData("/* x */ ( + 1", "1")]
    [InlineData("1 = -1", "1o1")]
    [InlineData("1 or not 1=2", "1&1o1")]
    public void Fold_LeadingParenthesesAndUnaryOperators_Disappear(string input, string fingerprint)
    {
        Assert.Equal(fingerprint, Fold(input, SqlQuoteContext.None).Fingerprint);
    }

    [Theory]
    [InlineData("1/**/or/**/1=1", "1&1o1")]
    [InlineData("1 -- x\nor 1=1", "1&1o1")]
    [InlineData("1 or 1=1--", "1&1o1c")]
    [InlineData("1 or 1=1 # done", "1&1o1c")]
    public void Fold_Comments_InsideAreWhitespaceAndAtTheEndKept(string input, string fingerprint)
    {
        Assert.Equal(fingerprint, Fold(input, SqlQuoteContext.None).Fingerprint);
    }

    [Theory]
    [InlineData("/post/*/*/2 union all/bar", 2, "on1Uon")]
    [InlineData("1 /* a */ 2 /*/*/ 3", 2, "111")]
    [InlineData("1 /* a */ 2", -1, "11")]
    [InlineData("1 /*/*/", 1, "1c")]
    public void Fold_NestedCommentOpener_ReportsTheIndexAfterIt(string input, int afterNestedComment, string fingerprint)
    {
        Span<SqlToken> window = stackalloc SqlToken[SqlTokenFolder.WindowSize];

        var count = SqlTokenFolder.Fold(input, SqlQuoteContext.None, window, out _, out var actual);

        Assert.Equal(afterNestedComment, actual);
        Assert.Equal(fingerprint, SqlTokenizerTests.Kinds(window[..count].ToArray()));
    }

    [Fact]
    public void Fold_MergedPhrase_CarriesThePhraseFlag()
    {
        var (tokens, fingerprint) = Fold("1 union all select 1 union 2", SqlQuoteContext.None);

        Assert.Equal("1UE1U1", fingerprint);
        Assert.True(tokens[1].Has(SqlTokenFlags.Phrase));
        Assert.False(tokens[4].Has(SqlTokenFlags.Phrase));
    }

    [Theory]
    [InlineData("2010-01-01", "1")]
    [InlineData("type % SystemDrive % config", "n")]
    [InlineData("a * 2 / b", "n")]
    [InlineData("1=1", "1o1")]
    [InlineData("x < y", "non")]
    public void Fold_ArithmeticBetweenPlainOperands_FoldsButComparisonsStay(string input, string fingerprint)
    {
        Assert.Equal(fingerprint, Fold(input, SqlQuoteContext.None).Fingerprint);
    }

    [Fact]
    public void Fold_AdjacentStrings_ConcatenateKeepingTheOuterQuotes()
    {
        // x' 'y  in a single-quoted context: the break-out string and a reopened one read as a single string.
        var (tokens, _) = Fold("x' 'y", SqlQuoteContext.Single);

        var merged = Assert.Single(tokens);
        Assert.Equal('\0', merged.OpenQuote);
        Assert.Equal('\0', merged.CloseQuote);
    }

    [Fact]
    public void Fold_LiteralLists_FoldButNeverTheBreakOutString()
    {
        var (tokens, _) = Fold("x', '4', '2', '7');drop table t", SqlQuoteContext.Single);

        Assert.Equal("s,s);Ekn", SqlTokenizerTests.Kinds(tokens));
        Assert.Equal('\'', tokens[0].CloseQuote);
    }

    [Fact]
    public void Fold_LongInput_StopsAtTheWindowAndSaysSo()
    {
        var window = new SqlToken[SqlTokenFolder.WindowSize];

        var count = SqlTokenFolder.Fold("a b c d e f g h i j k l m n", SqlQuoteContext.None, window, out var truncated, out _);
        var shortCount = SqlTokenFolder.Fold("a b c", SqlQuoteContext.None, window, out var shortTruncated, out _);

        Assert.Equal(SqlTokenFolder.WindowSize, count);
        Assert.True(truncated);
        Assert.Equal(3, shortCount);
        Assert.False(shortTruncated);
    }

    private static (SqlToken[] Tokens, string Fingerprint) Fold(string input, SqlQuoteContext context)
    {
        var window = new SqlToken[SqlTokenFolder.WindowSize];
        var count = SqlTokenFolder.Fold(input, context, window, out _, out _);
        var tokens = window[..count];
        return (tokens, SqlTokenizerTests.Kinds(tokens));
    }
}
