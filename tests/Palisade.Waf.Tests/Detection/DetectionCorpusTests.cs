using Palisade.Waf.Detection;
using Xunit.Abstractions;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// The hand-written corpus (Corpus/*.txt): every attack detected by its detector, no benign value flagged by
/// either, and the rates on it and on CRS's regression tests printed for docs/waf-detectors.md.
/// </summary>
public sealed class DetectionCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> SqlInjectionAttacks => DetectionCorpus.AsTheoryData(DetectionCorpus.SqlInjectionAttacks);

    public static TheoryData<string> XssAttacks => DetectionCorpus.AsTheoryData(DetectionCorpus.XssAttacks);

    public static TheoryData<string> Benign => DetectionCorpus.AsTheoryData(DetectionCorpus.Benign);

    [Theory]
    [MemberData(nameof(SqlInjectionAttacks))]
    public void IsSqlInjection_HandWrittenAttack_Detected(string attack)
    {
        Assert.True(SqlInjectionDetector.IsSqlInjection(attack, out var fingerprint), attack);
        Assert.InRange(fingerprint.Length, 1, SqlFingerprint.MaxLength);
    }

    [Theory]
    [MemberData(nameof(Benign))]
    public void IsSqlInjection_BenignValue_NotDetected(string value)
    {
        Assert.False(SqlInjectionDetector.IsSqlInjection(value, out var fingerprint), $"{value} → {fingerprint}");
        Assert.Equal(0, fingerprint.Length);
    }

    [Theory]
    [MemberData(nameof(XssAttacks))]
    public void IsXss_HandWrittenAttack_Detected(string attack) => Assert.True(XssDetector.IsXss(attack), attack);

    [Theory]
    [MemberData(nameof(Benign))]
    public void IsXss_BenignValue_NotDetected(string value) => Assert.False(XssDetector.IsXss(value), value);

    [Fact]
    public void Corpora_DetectionAndFalsePositiveRates_MeetTargets()
    {
        var sqliDetected = DetectionCorpus.SqlInjectionAttacks.Count(a => SqlInjectionDetector.IsSqlInjection(a));
        var xssDetected = DetectionCorpus.XssAttacks.Count(a => XssDetector.IsXss(a));
        var sqliFalse = DetectionCorpus.Benign.Count(b => SqlInjectionDetector.IsSqlInjection(b));
        var xssFalse = DetectionCorpus.Benign.Count(b => XssDetector.IsXss(b));
        var (crsPositives, crsDetected, crsNegatives, crsFalse) = CrsRates();

        output.WriteLine($"hand-written SQLi attacks:  {sqliDetected}/{DetectionCorpus.SqlInjectionAttacks.Count} detected");
        output.WriteLine($"hand-written XSS attacks:   {xssDetected}/{DetectionCorpus.XssAttacks.Count} detected");
        output.WriteLine($"hand-written benign values: {sqliFalse}/{DetectionCorpus.Benign.Count} flagged as SQLi, {xssFalse} flagged as XSS");
        output.WriteLine($"CRS 942100/942101/941100/941101: {crsDetected}/{crsPositives} expected matches, {crsFalse}/{crsNegatives} unexpected matches");

        Assert.Equal(DetectionCorpus.SqlInjectionAttacks.Count, sqliDetected);
        Assert.Equal(DetectionCorpus.XssAttacks.Count, xssDetected);
        Assert.Equal(0, sqliFalse + xssFalse);
        Assert.Equal(crsPositives, crsDetected);
        Assert.Equal(0, crsFalse);
    }

    private static (int Positives, int Detected, int Negatives, int FalsePositives) CrsRates()
    {
        int positives = 0, detected = 0, negatives = 0, falsePositives = 0;
        foreach (var (rule, test) in CrsRegressionSuite.Cases.Values)
        {
            foreach (var stage in test.Stages)
            {
                var matched = rule.Matches(stage).Count > 0;
                if (stage.ExpectIds.Contains(rule.Id))
                {
                    positives++;
                    detected += matched ? 1 : 0;
                }

                if (stage.NoExpectIds.Contains(rule.Id))
                {
                    negatives++;
                    falsePositives += matched ? 1 : 0;
                }
            }
        }

        return (positives, detected, negatives, falsePositives);
    }
}
