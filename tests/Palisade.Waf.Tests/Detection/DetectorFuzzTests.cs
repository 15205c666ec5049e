using System.Diagnostics;
using Palisade.Waf.Detection;
using Xunit.Abstractions;

namespace Palisade.Waf.Tests.Detection;

/// <summary>
/// Hostile and random input never throws, gives the same verdict twice, and costs time linear in its length: the
/// tokenizers read each character a bounded number of times and the grammar sees a fixed-size window.
/// </summary>
public sealed class DetectorFuzzTests(ITestOutputHelper output)
{
    private const string Alphabet = "'\"`()<>=/*-#;,.!|&@$\\:{}[]?%+~^ \t\nabcxyz019ORANDselctunio&#xX&lt;";

    [Fact]
    public void Detectors_RandomText_NeverThrowAndAreDeterministic()
    {
        var random = new Random(20261129);
        var buffer = new char[300];
        for (var round = 0; round < 30_000; round++)
        {
            var length = random.Next(buffer.Length);
            for (var i = 0; i < length; i++)
            {
                buffer[i] = random.Next(10) == 0 ? (char)random.Next(0x10000) : Alphabet[random.Next(Alphabet.Length)];
            }

            var text = buffer.AsSpan(0, length);
            var sqli = SqlInjectionDetector.IsSqlInjection(text, out var fingerprint);
            Assert.Equal(sqli, SqlInjectionDetector.IsSqlInjection(text, out var again));
            Assert.Equal(fingerprint, again);
            Assert.True(sqli == fingerprint.Length > 0, text.ToString());
            Assert.Equal(XssDetector.IsXss(text), XssDetector.IsXss(text));
        }
    }

    [Fact]
    public void Detectors_MutatedAttacks_NeverThrowAndAreDeterministic()
    {
        var random = new Random(7);
        var attacks = DetectionCorpus.SqlInjectionAttacks.Concat(DetectionCorpus.XssAttacks).ToArray();
        var detected = 0;
        for (var round = 0; round < 20_000; round++)
        {
            var text = attacks[random.Next(attacks.Length)].ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0 && text.Count > 0; edits--)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0: text.RemoveAt(at); break;
                    case 1: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }
            }

            var value = new string([.. text]);
            var verdict = SqlInjectionDetector.IsSqlInjection(value) || XssDetector.IsXss(value);
            Assert.Equal(verdict, SqlInjectionDetector.IsSqlInjection(value) || XssDetector.IsXss(value));
            detected += verdict ? 1 : 0;
        }

        output.WriteLine($"{detected} of 20000 randomly edited attacks still detected");
    }

    [Theory]
    [MemberData(nameof(SqlInjectionAttacks))]
    public void IsSqlInjection_CaseAndCommentRewrites_KeepTheVerdict(string attack)
    {
        // SQL keywords ignore case and MySQL reads /**/ as whitespace: evasions that must not change the verdict.
        Assert.True(SqlInjectionDetector.IsSqlInjection(attack.ToUpperInvariant()), "upper case");
        Assert.True(SqlInjectionDetector.IsSqlInjection(attack.ToLowerInvariant()), "lower case");
        Assert.True(SqlInjectionDetector.IsSqlInjection(attack.Replace(" ", "/**/", StringComparison.Ordinal)), "/**/ for spaces");
    }

    public static TheoryData<string> SqlInjectionAttacks => DetectionCorpus.AsTheoryData(DetectionCorpus.SqlInjectionAttacks);

    [Theory]
    [InlineData("'")]
    [InlineData("\"")]
    [InlineData("(")]
    [InlineData("/*")]
    [InlineData("/*!")]
    [InlineData("--")]
    [InlineData("\\'")]
    [InlineData("1+")]
    [InlineData("a.")]
    [InlineData("@@")]
    [InlineData("$$")]
    [InlineData("<a ")]
    [InlineData("<!--")]
    [InlineData("<a b=")]
    [InlineData("&#")]
    [InlineData("<a style=\\")]
    [InlineData("' or ")]
    public void Detectors_MegabyteOfRepeatedToken_FinishInLinearTime(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, (1 << 20) / unit.Length));
        var style = "<a style=\"" + text + "\">";

        var stopwatch = Stopwatch.StartNew();
        SqlInjectionDetector.IsSqlInjection(text);
        XssDetector.IsXss(text);
        XssDetector.IsXss(style);
        stopwatch.Stop();

        // A quadratic path over a megabyte would take minutes; linear work takes milliseconds. The bound is loose
        // on purpose: shared machines are slow, not a thousand times slow.
        output.WriteLine($"'{unit}' x {text.Length / unit.Length}: {stopwatch.ElapsedMilliseconds} ms");
        Assert.InRange(stopwatch.ElapsedMilliseconds, 0, 5_000);
    }
}
