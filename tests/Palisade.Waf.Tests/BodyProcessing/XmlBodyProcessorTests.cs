using System.Text;
using Palisade.Waf.BodyProcessing;

namespace Palisade.Waf.Tests.BodyProcessing;

public sealed class XmlBodyProcessorTests
{
    private const string Sample = """
        <?xml version="1.0"?>
        <order xmlns:x="urn:x" id="7" x:kind="rush">
          <item sku="a&amp;b">first</item>
          <item sku="c"><![CDATA[<second>]]></item>
          <!-- ignored -->
          <note>n&#233;e</note>
        </order>
        """;

    private static RequestBodyResult Process(string xml, BodyLimits? limits = null) =>
        RequestBodyProcessor.Process(BodyProcessorKind.Xml, Encoding.UTF8.GetBytes(xml), "application/xml", limits ?? BodyLimits.Default);

    private static List<string> Select(RequestBodyResult result, string xpath)
    {
        var values = new List<string>();
        Assert.NotNull(result.Xml);
        result.Xml.Select(XmlPath.Parse(xpath), values);
        return values;
    }

    [Fact]
    public void Select_DocumentElement_AllTextJoinedAsOneValue()
    {
        var result = Process(Sample, BodyLimits.Default with { TextEncoding = BodyTextEncoding.Utf8 });

        Assert.False(result.HasError, result.ErrorMessage);
        var text = Assert.Single(Select(result, "/*"));
        Assert.Equal("\n  first\n  <second>\n  \n  née\n", text.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Select_AllAttributes_DecodedValuesWithoutNamespaceDeclarations()
    {
        var result = Process(Sample);

        Assert.Equal(["7", "rush", "a&b", "c"], Select(result, "//@*"));
    }

    [Theory]
    [InlineData("/order/item", "first|<second>")]
    [InlineData("//item", "first|<second>")]
    [InlineData("/order/item/@sku", "a&b|c")]
    [InlineData("//@sku", "a&b|c")]
    [InlineData("/order/@id", "7")]
    [InlineData("/order/@x:kind", "rush")]
    [InlineData("/*/note/text()", "n\u00C3\u00A9e")]
    [InlineData("/order/*", "first|<second>|n\u00C3\u00A9e")]
    [InlineData("/item", "")]
    [InlineData("//missing", "")]
    public void Select_SimplePaths_ValuesInDocumentOrder(string xpath, string expected)
    {
        var result = Process(Sample);

        Assert.Equal(expected, string.Join('|', Select(result, xpath)));
    }

    [Fact]
    public void Process_CrsAttributeProbe_AttributeValueEntityDecoded()
    {
        // The body of CRS test 942362-34, which relies on XML://@*.
        var result = Process("""<?xml version="1.0"?><root><a probe="1234 AS &quot;foobar&quot; FROM tablevar2=whatever"></a></root>""");

        Assert.Equal(["1234 AS \"foobar\" FROM tablevar2=whatever"], Select(result, "//@*"));
        Assert.Equal([""], Select(result, "/*"));
    }

    [Fact]
    public void Process_DoctypeWithExternalEntity_RefusedWithoutFetching()
    {
        var result = Process("""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>""");

        Assert.StartsWith(XmlBodyProcessor.ErrorPrefix, result.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(Select(result, "/*"));
    }

    [Fact]
    public void Process_MalformedDocument_ErrorAndPartialTreeQueryable()
    {
        var result = Process("<root><a k=\"v\">kept</a><b>open</b>");

        Assert.True(result.HasError);
        Assert.False(result.Xml!.IsWellFormed);
        Assert.Equal(["keptopen"], Select(result, "/*"));
        Assert.Equal(["v"], Select(result, "//@*"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<a></b>")]
    [InlineData("<a/><b/>")]
    public void Process_NotAWellFormedDocument_RequestBodyError(string xml)
    {
        var result = Process(xml);

        Assert.StartsWith("XML parsing error: XML: Failed parsing document.", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_NestingPastDepthLimit_Error()
    {
        var xml = string.Concat(Enumerable.Repeat("<a>", 300)) + string.Concat(Enumerable.Repeat("</a>", 300));

        var result = Process(xml);

        Assert.Equal("XML parsing error: XML: Failed parsing document. Elements nest deeper than 256 levels.", result.ErrorMessage);
    }

    [Fact]
    public void Process_NonAsciiText_ByteStringByDefault()
    {
        var result = Process("<r>é</r>");

        Assert.Equal(["\u00C3\u00A9"], Select(result, "/*"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("relative/path")]
    [InlineData("/a[1]")]
    [InlineData("/@x/y")]
    [InlineData("/text()/a")]
    [InlineData("/child::a")]
    [InlineData("/a//")]
    [InlineData("/1a")]
    public void TryParse_UnsupportedExpressions_ClearError(string expression)
    {
        Assert.False(XmlPath.TryParse(expression, out var path, out var error));
        Assert.Null(path);
        Assert.Contains(expression, error, StringComparison.Ordinal);
        Assert.Contains("not accepted", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_CrsForms_RecognisedForFastPaths()
    {
        Assert.True(XmlPath.Parse("/*").IsDocumentElement);
        Assert.True(XmlPath.Parse("//@*").IsAllAttributes);
        Assert.False(XmlPath.Parse("//*").IsDocumentElement);
    }
}
