using Palisade.Waf.Detection.Html;

namespace Palisade.Waf.Tests.Detection;

public sealed class HtmlTokenizerTests
{
    [Fact]
    public void Next_TagWithAttributes_EmitsNamesAndValuesInEveryQuoting()
    {
        var tokens = Tokenize("<a href=\"x\" title='y' data-z=w checked>text</a>", HtmlContext.Data);

        Assert.Equal(
            ["TagName:a", "AttributeName:href", "AttributeValue:x", "AttributeName:title", "AttributeValue:y",
             "AttributeName:data-z", "AttributeValue:w", "AttributeName:checked", "EndTagName:a"],
            tokens);
    }

    [Fact]
    public void Next_SlashesBetweenAttributes_AreSkipped()
    {
        Assert.Equal(
            ["TagName:img", "AttributeName:src", "AttributeName:onerror", "AttributeValue:alert(1)"],
            Tokenize("<img/src/onerror=alert(1)>", HtmlContext.Data));
    }

    [Fact]
    public void Next_LessThanBeforeANonLetter_IsText()
    {
        Assert.Empty(Tokenize("a < b and 1<2, i <3 u", HtmlContext.Data));
    }

    [Theory]
    [InlineData((int)HtmlContext.DoubleQuotedValue, "x\" onclick=\"y")]
    [InlineData((int)HtmlContext.SingleQuotedValue, "x' onclick='y")]
    [InlineData((int)HtmlContext.BackQuotedValue, "x` onclick=`y")]
    public void Next_QuotedValueContext_ValueEndsAtItsQuote(int context, string input)
    {
        Assert.Equal(["AttributeValue:x", "AttributeName:onclick", "AttributeValue:y"], Tokenize(input, (HtmlContext)context));
    }

    [Fact]
    public void Next_AttributeNameContext_ReadsAttributesThenMarkup()
    {
        Assert.Equal(
            ["AttributeName:a", "AttributeValue:1", "AttributeName:b", "TagName:i"],
            Tokenize("a=1 b><i>", HtmlContext.AttributeName));
    }

    [Theory]
    [InlineData("<!-- c -->x", "Comment: c ")]
    [InlineData("<!-- a -- b --!>x", "Comment: a -- b ")]
    [InlineData("<!-->x", "Comment:")]
    [InlineData("<!DOCTYPE html>", "Doctype:DOCTYPE html")]
    [InlineData("<?xml-stylesheet href=x?>", "BogusComment:?xml-stylesheet href=x?")]
    [InlineData("<!ENTITY x>", "BogusComment:ENTITY x")]
    [InlineData("</ x>", "BogusComment: x")]
    public void Next_MarkupDeclarations_BecomeCommentsOrDoctype(string input, string expected)
    {
        Assert.Equal(expected, Tokenize(input, HtmlContext.Data)[0]);
    }

    [Fact]
    public void Next_UnterminatedValueAndComment_RunToTheEnd()
    {
        Assert.Equal(["TagName:a", "AttributeName:b", "AttributeValue:c d"], Tokenize("<a b=\"c d", HtmlContext.Data));
        Assert.Equal(["Comment: open"], Tokenize("<!-- open", HtmlContext.Data));
    }

    private static string[] Tokenize(string input, HtmlContext context)
    {
        var tokenizer = new HtmlTokenizer(input, context);
        var tokens = new List<string>();
        while (tokenizer.Next(out var token))
        {
            tokens.Add($"{token.Kind}:{input.Substring(token.Start, token.Length)}");
        }

        return [.. tokens];
    }
}
