using Palisade.Waf.Detection;

namespace Palisade.Waf.Tests.Detection;

public sealed class XssDetectorTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "script tag")]
    [InlineData("<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\" src=\"data:,alert(1)\" />", "namespaced script tag")]
    [InlineData("<scr<script>ipt>alert(1)</scr</script>ipt>", "tag hidden for a stripping filter")]
    [InlineData("<svg/onload=alert()", "SVG")]
    [InlineData("<xss onbeforehellfreezes=alerw(1)>", "any on* attribute in a tag the input opened")]
    [InlineData("/get/\"onmouseover='prompt(document.cookie)'\"", "event handler after a double-quote break-out")]
    [InlineData("x onfocus=alert(1) autofocus", "event handler where attributes stand")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">", "entity and tab inside the scheme")]
    [InlineData("<a href=\"&#106;avascript&colon;alert(1)\">", "numeric and named references")]
    [InlineData("<iframe src=\"data:text/html,<script>alert(1)</script>\">", "data: HTML")]
    [InlineData("<div style=\"x:expr/**/ession(alert(1))\">", "CSS expression behind a comment")]
    [InlineData("<div style=\"x:\\65 xpression(alert(1))\">", "CSS expression behind an escape")]
    [InlineData("<svg><set attributeName=\"onmouseover\" to=\"alert(1)\">", "SVG attributeName indirection")]
    [InlineData("<!--[if IE]><b>x</b><![endif]-->", "IE conditional comment")]
    [InlineData("<!DOCTYPE x>", "doctype")]
    [InlineData("<?xml-stylesheet href=\"x.xsl\"?>", "stylesheet processing instruction")]
    [InlineData("javascript:alert(1)", "a whole value that is a script URL")]
    public void IsXss_Attack_Detected(string input, string reason)
    {
        Assert.True(XssDetector.IsXss(input), reason);
    }

    [Theory]
    [InlineData("<b>bold</b> and <i>italic</i>", "harmless markup")]
    [InlineData("<a href=\"https://example.com/?a=1&amp;b=2\">link</a>", "ordinary link")]
    [InlineData("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">", "data: image")]
    [InlineData("<img src=\"data: image/gif;base64,R0lGOD\">", "data: image after whitespace")]
    [InlineData("<span style=\"color:red\">red</span>", "harmless style")]
    [InlineData("online=yes", "on* word that is no event, outside a tag")]
    [InlineData("He said \"online=yes\"", "same after a quote")]
    [InlineData("a < b and c > d", "comparisons")]
    [InlineData("<?xml version=\"1.0\"?>", "XML declaration")]
    [InlineData("xmlns:x=\"adobe:ns:meta/\"", "inert namespace added to the application's tag")]
    [InlineData("data: 42", "the word data")]
    [InlineData("I love javascript: it is great", "prose")]
    [InlineData("javascript : the good parts", "a space is not allowed before a scheme's colon")]
    [InlineData("<!-- a comment -->", "ordinary comment")]
    public void IsXss_Benign_NotDetected(string input, string reason)
    {
        Assert.False(XssDetector.IsXss(input), reason);
    }

    [Fact]
    public void IsXss_NamespaceInsideAnInjectedTag_DetectedWhateverTheNamespace()
    {
        // Any xmlns on a tag the input opened can make arbitrary elements (libinjection judges it the same way).
        Assert.True(XssDetector.IsXss("<acp xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"http://x/\"/></acp>"));
        Assert.False(XssDetector.IsXss("x xmlns:xi=\"http://www.w3.org/2001/XInclude\""));
    }

    [Fact]
    public void IsXss_Empty_False() => Assert.False(XssDetector.IsXss([]));
}
