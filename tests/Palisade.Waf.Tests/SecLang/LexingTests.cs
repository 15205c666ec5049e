using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>Lines, continuations, comments, quoting and escaping, as Apache-style configuration files write them.</summary>
public sealed class LexingTests
{
    [Fact]
    public void Parse_BackslashContinuationWithIndentedLines_OneDirective()
    {
        var rule = SecLangText.Rule("SecRule ARGS \"@rx a\" \\\n    \"id:1,\\\n    phase:2,\\\n    deny\"");

        Assert.Equal((1, 2, DisruptiveAction.Deny), (rule.Id, rule.Phase, rule.Disruptive));
    }

    [Fact]
    public void Parse_WhitespaceAfterContinuationBackslashAndCrLf_StillContinues()
    {
        var rule = SecLangText.Rule("SecRule ARGS \"@rx a\" \\  \r\n  \"id:1,phase:2,pass\"\r\n");

        Assert.Equal(1, rule.Id);
    }

    [Fact]
    public void Parse_CommentsAndBlankLines_Ignored()
    {
        var configuration = SecLangText.Load("# a comment\n\n   # indented comment \\\n\t\nSecRule ARGS \"@rx #not-a-comment\" \"id:1,pass\"\n# trailing");

        var rule = Assert.Single(configuration.Rules);
        Assert.Equal("#not-a-comment", rule.Operator!.Argument);
    }

    [Fact]
    public void Parse_EscapedDoubleQuoteInsideDoubleQuotes_BecomesQuoteOtherBackslashesKept()
    {
        var rule = SecLangText.Rule("SecRule ARGS \"@rx [\\\"'`]\\d+\\/x\\\\\" \"id:1,pass\"");

        Assert.Equal("[\"'`]\\d+\\/x\\\\", rule.Operator!.Argument);
    }

    [Fact]
    public void Parse_SingleQuotedAndUnquotedArguments_SameAsDoubleQuoted()
    {
        var rule = SecLangText.Rule("SecRule REQUEST_METHOD '@streq it\\'s' id:7,phase:1,pass");

        Assert.Equal("it's", rule.Operator!.Argument);
        Assert.Equal((7, 1), (rule.Id, rule.Phase));
    }

    [Fact]
    public void Parse_DirectiveAndNamesInAnyCase_Accepted()
    {
        var rule = SecLangText.Rule("secrule args|Request_Headers:Host \"@BEGINSWITH x\" \"ID:3,Phase:2,T:LowerCase,PASS,NoLog\"");

        Assert.Equal([VariableName.Args, VariableName.RequestHeaders], rule.Variables.Select(v => v.Name));
        Assert.Equal(OperatorName.BeginsWith, rule.Operator!.Name);
        Assert.Equal([TransformationName.Lowercase], rule.Transformations);
        Assert.Equal((DisruptiveAction.Pass, false), (rule.Disruptive, rule.Log));
    }

    [Fact]
    public void Parse_QuotedActionValuesWithCommasAndEscapedQuotes_SplitCorrectly()
    {
        var rule = SecLangText.Rule("SecAction \"id:1,phase:1,pass,msg:'a, b, and O\\'Brien',tag:'x,y',logdata:plain text\"");

        Assert.Equal("a, b, and O'Brien", rule.Message!.Text);
        Assert.Equal(["x,y"], rule.Tags);
        Assert.Equal("plain text", rule.LogData!.Text);
    }

    [Fact]
    public void Parse_SpacesAroundActionsAndColons_Tolerated()
    {
        var rule = SecLangText.Rule("SecAction \" id:'200001', phase : 2 ,  t:none , pass \"");

        Assert.Equal((200001, 2, DisruptiveAction.Pass), (rule.Id, rule.Phase, rule.Disruptive));
    }

    [Fact]
    public void Parse_ContinuationInsideQuotedMessage_JoinsWithoutTheBackslash()
    {
        var rule = SecLangText.Rule("SecAction \"id:1,pass,msg:'first \\\nsecond'\"");

        Assert.Equal("first second", rule.Message!.Text);
    }

    [Fact]
    public void Parse_ErrorOnContinuedLine_ReportsThePhysicalLineAndColumn()
    {
        var error = SecLangText.SingleError("SecRule ARGS \"@rx a\" \\\n    \"id:1,\\\n    phase:9,\\\n    deny\"");

        Assert.Equal(new SourceLocation(SecLangText.File, 3, 11), error.Location);
        Assert.Contains("phase must be 1, 2, 3, 4, 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnterminatedQuote_ErrorAtTheOpeningQuote()
    {
        var error = SecLangText.SingleError("SecRule ARGS \"@rx a\" \"id:1,pass");

        Assert.Equal(new SourceLocation(SecLangText.File, 1, 22), error.Location);
        Assert.Contains("Unterminated double-quoted argument", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextRightAfterClosingQuote_Error()
    {
        var error = SecLangText.SingleError("SecRule ARGS \"@rx a\"x \"id:1,pass\"");

        Assert.Equal(new SourceLocation(SecLangText.File, 1, 21), error.Location);
        Assert.Contains("Expected whitespace after the closing double quote", error.Message, StringComparison.Ordinal);
    }
}
