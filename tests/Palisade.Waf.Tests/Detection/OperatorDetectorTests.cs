using Palisade.Waf.Detection;
using Palisade.Waf.Operators;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.Detection;

/// <summary>The detectors behind @detectSQLi / @detectXSS as the operator factory compiles them, with TX.0 captures.</summary>
public sealed class OperatorDetectorTests
{
    private static readonly OperatorFactory Factory = new(
        new InMemoryRuleFileSystem([]),
        new OperatorFactoryOptions
        {
            SqlInjectionDetector = SqlInjectionOperatorDetector.Instance,
            XssDetector = XssOperatorDetector.Instance,
        });

    [Fact]
    public void DetectSqli_Match_CapturesTheFingerprintAsTx0()
    {
        var detectSqli = Factory.Compile(OperatorName.DetectSqli, "");
        var captures = new OperatorCaptures();

        Assert.True(detectSqli.IsMatch("1234 OR 1=1", captures));
        Assert.Equal("1&1o1", captures.GetString(0));
        Assert.False(detectSqli.IsMatch("O'Brien", captures));
        Assert.True(captures.IsEmpty);
    }

    [Fact]
    public void DetectXss_Match_CapturesTheInputAsTx0()
    {
        var detectXss = Factory.Compile(OperatorName.DetectXss, "");
        var captures = new OperatorCaptures();

        Assert.True(detectXss.IsMatch("<svg onload=alert(1)>", captures));
        Assert.Equal("<svg onload=alert(1)>", captures.GetString(0));
        Assert.False(detectXss.IsMatch("<b>bold</b>", captures));
        Assert.True(captures.IsEmpty);
    }

    [Fact]
    public void Adapters_WithoutEvidence_AgreeWithTheDetectors()
    {
        Assert.True(SqlInjectionOperatorDetector.Instance.IsMatch("' or 1=1--"));
        Assert.False(SqlInjectionOperatorDetector.Instance.IsMatch("O'Brien", out var none));
        Assert.Null(none);
        Assert.True(XssOperatorDetector.Instance.IsMatch("<script>"));
        Assert.False(XssOperatorDetector.Instance.IsMatch("<b>", out var nothing));
        Assert.Null(nothing);
    }
}
