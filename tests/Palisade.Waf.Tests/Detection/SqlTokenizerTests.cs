using Palisade.Waf.Detection.Sql;

namespace Palisade.Waf.Tests.Detection;

public sealed class SqlTokenizerTests
{
    [Fact]
    public void Next_SingleQuoteContext_FirstTokenIsTheStringTheInputCloses()
    {
        var tokens = Tokenize("abc' or 1=1", SqlQuoteContext.Single);

        Assert.Equal(SqlTokenKind.String, tokens[0].Kind);
        Assert.Equal('\0', tokens[0].OpenQuote);
        Assert.Equal('\'', tokens[0].CloseQuote);
        Assert.Equal(4, tokens[0].Length);
        Assert.Equal("s&1o1", Kinds(tokens));
    }

    [Fact]
    public void Next_QuoteContextWithoutClosingQuote_WholeInputIsOneOpenString()
    {
        var tokens = Tokenize("O\"Brien", SqlQuoteContext.Single);

        var only = Assert.Single(tokens);
        Assert.Equal('\0', only.CloseQuote);
        Assert.Equal(7, only.Length);
    }

    [Theory]
    [InlineData(@"x\' or 1=1", "backslash escapes the quote (MySQL)")]
    [InlineData("x'' or 1=1", "a doubled quote stands for itself")]
    public void Next_EscapedQuote_DoesNotCloseTheString(string input, string reason)
    {
        var tokens = Tokenize(input, SqlQuoteContext.Single);

        Assert.True(tokens.Length == 1 && tokens[0].CloseQuote == '\0', reason);
    }

    [Theory]
    [InlineData("0x1F", '1')]
    [InlineData("0b101", '1')]
    [InlineData("1.5e-3", '1')]
    [InlineData(".5", '1')]
    [InlineData(@"\N", '1')]
    [InlineData("NULL", '1')]
    [InlineData("10px", 'n')]
    [InlineData("20.to_i", 'n')]
    [InlineData("1st", 'n')]
    [InlineData("0xZZ", 'n')]
    public void Next_NumberLikeText_ClassifiedAsMySqlReadsIt(string input, char expected)
    {
        var token = Assert.Single(Tokenize(input));

        Assert.Equal(expected, (char)token.Kind);
        Assert.Equal(input.Length, token.Length);
    }

    [Theory]
    [InlineData("1-- x", "1c", (int)(SqlTokenFlags.DashComment | SqlTokenFlags.CommentHasText))]
    [InlineData("1--", "1c", (int)(SqlTokenFlags.DashComment))]
    [InlineData("1--+", "1c", (int)(SqlTokenFlags.DashComment))]
    [InlineData("1 # note", "1c", (int)(SqlTokenFlags.HashComment | SqlTokenFlags.CommentHasText))]
    [InlineData("1 /* x */", "1c", (int)(SqlTokenFlags.BlockComment | SqlTokenFlags.CommentHasText))]
    [InlineData("1 /*", "1c", (int)(SqlTokenFlags.BlockComment))]
    public void Next_Comments_CarryTheirStyle(string input, string kinds, int flags)
    {
        var tokens = Tokenize(input);

        Assert.Equal(kinds, Kinds(tokens));
        Assert.Equal((SqlTokenFlags)flags, tokens[^1].Flags);
    }

    [Theory]
    [InlineData("/*/*/", true, "the second '/' and the closer's '*' open a nested comment")]
    [InlineData("/* a /* b */", true, "a second opener inside")]
    [InlineData("/* a/*/ b", true, "an opener glued to the closer")]
    [InlineData("/**/", false, "the closer right after the opener")]
    [InlineData("/* a */ /* b */", false, "two comments one after the other")]
    [InlineData("/* a /* b", false, "unclosed: every dialect reads the rest as comment")]
    [InlineData("/*/ a */", false, "a slash that opens nothing")]
    public void Next_BlockCommentWithNestedOpener_Flagged(string input, bool nested, string reason)
    {
        var comment = Tokenize(input)[0];

        Assert.Equal(SqlTokenKind.Comment, comment.Kind);
        Assert.True(nested == comment.Has(SqlTokenFlags.NestedCommentOpener), reason);
    }

    [Fact]
    public void Next_DashesBeforeADigit_AreMinusSigns()
    {
        // MySQL needs whitespace after "--": 2010--2012 is arithmetic, not a comment.
        Assert.Equal("1oo1", Kinds(Tokenize("2010--2012")));
    }

    [Fact]
    public void Next_ExecutableComment_IsReadAsSql()
    {
        Assert.Equal("1UE1", Kinds(Tokenize("1/*!50000union*/ /*!select*/ 1")));
    }

    [Theory]
    [InlineData("@@version")]
    [InlineData("@x")]
    [InlineData("@'quoted name'")]
    [InlineData("@`q`")]
    public void Next_Variables_AreOneToken(string input)
    {
        var token = Assert.Single(Tokenize(input));

        Assert.Equal(SqlTokenKind.Variable, token.Kind);
        Assert.Equal(input.Length, token.Length);
    }

    [Theory]
    [InlineData("<=>", 'o', (int)(SqlTokenFlags.Comparison))]
    [InlineData("!=", 'o', (int)(SqlTokenFlags.Comparison))]
    [InlineData("||", '&', (int)(SqlTokenFlags.None))]
    [InlineData("&&", '&', (int)(SqlTokenFlags.None))]
    [InlineData("!", 'o', (int)(SqlTokenFlags.Unary | SqlTokenFlags.UnaryOnly))]
    [InlineData("*", 'o', (int)(SqlTokenFlags.Star))]
    [InlineData("::", 'o', (int)(SqlTokenFlags.None))]
    [InlineData(":", ':', (int)(SqlTokenFlags.None))]
    public void Next_Operators_ClassifiedWithFlags(string input, char kind, int flags)
    {
        var token = Assert.Single(Tokenize(input));

        Assert.Equal(kind, (char)token.Kind);
        Assert.Equal((SqlTokenFlags)flags, token.Flags);
        Assert.Equal(input.Length, token.Length);
    }

    [Theory]
    [InlineData("SELECT", 'E')]
    [InlineData("union", 'U')]
    [InlineData("AnD", '&')]
    [InlineData("like", 'o')]
    [InlineData("waitfor", 'T')]
    [InlineData("sleep", 'n')]
    [InlineData("sleep(", 'f')]
    [InlineData("SLEEP (", 'f')]
    [InlineData("foo(", 'f')]
    [InlineData("foo (", 'n')]
    [InlineData("replace", 'E')]
    [InlineData("replace(", 'f')]
    [InlineData("`table name`", 'n')]
    [InlineData("information_schema.tables", 'n')]
    public void Next_Words_ClassifiedByOurWordList(string input, char expected)
    {
        Assert.Equal(expected, (char)Tokenize(input)[0].Kind);
    }

    [Theory]
    [InlineData("dbms_lock.sleep(5)")]
    [InlineData("master..xp_cmdshell")]
    [InlineData("utl_inaddr.get_host_name(")]
    public void Next_QualifiedAttackFunction_KeepsTheAttackFlag(string input)
    {
        Assert.True(Tokenize(input)[0].Has(SqlTokenFlags.AttackFunction));
    }

    [Fact]
    public void Next_KeywordGluedToDot_IsSplit()
    {
        // MySQL reads "select.1" as SELECT .1.
        Assert.Equal("U", Kinds(Tokenize("except")));
        Assert.Equal("UE1,1", Kinds(Tokenize("except select.1,2")));
    }

    [Theory]
    [InlineData("N'abc'")]
    [InlineData("_utf8'abc'")]
    [InlineData("$$a ' b$$")]
    [InlineData("$tag$x$tag$")]
    public void Next_PrefixedAndDollarQuotedStrings_AreOneString(string input)
    {
        var token = Assert.Single(Tokenize(input));

        Assert.Equal(SqlTokenKind.String, token.Kind);
        Assert.Equal(input.Length, token.Length);
    }

    [Fact]
    public void Next_EveryCharacter_AdvancesTheTokenizer()
    {
        var input = new string(Enumerable.Range(0, 256).Select(i => (char)i).ToArray()) + "\u2028\uFFFF";

        var tokens = Tokenize(input);

        Assert.NotEmpty(tokens);
        Assert.All(tokens, t => Assert.True(t.Length > 0 && t.Start + t.Length <= input.Length));
    }

    internal static SqlToken[] Tokenize(string input, SqlQuoteContext context = SqlQuoteContext.None)
    {
        var tokenizer = new SqlTokenizer(input, context);
        var tokens = new List<SqlToken>();
        while (tokenizer.Next(out var token))
        {
            tokens.Add(token);
        }

        return [.. tokens];
    }

    internal static string Kinds(IEnumerable<SqlToken> tokens) => new(tokens.Select(t => (char)t.Kind).ToArray());
}
