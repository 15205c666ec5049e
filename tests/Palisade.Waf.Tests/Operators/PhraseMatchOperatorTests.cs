using Palisade.Waf.Operators;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

public sealed class PhraseMatchOperatorTests
{
    [Theory]
    [InlineData("gzip compress deflate", "x-gzip", true)]
    [InlineData("gzip compress deflate", "GZIP", true)]
    [InlineData("gzip compress deflate", "gz ip", false)]
    [InlineData("document.cookie .innerhtml", "x.innerHTML=1", true)]
    [InlineData("<!-- <![cdata[", "a<![CDATA[b", true)]
    [InlineData("\"quoted words\"", "words", true)]
    [InlineData("a\\;b c\\:d", "xa;b", true)]
    [InlineData("|41 42|C", "xabc", true)]
    [InlineData("|41 42|C", "ab c", false)]
    [InlineData("( )", "f(x)", true)]
    public void Pm_Input_MatchesAnyPhraseIgnoringAsciiCase(string argument, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.Pm, argument, input));
    }

    [Fact]
    public void Pm_NonAsciiPhrase_MatchesItsUtf8BytesExactly()
    {
        var op = Compile(OperatorName.Pm, "café");

        Assert.True(op.IsMatch("un caf\u00c3\u00a9 noir"));
        Assert.False(op.IsMatch("un CAF\u00c3\u0089"));
        Assert.True(op.IsMatch("CAF\u00c3\u00a9"));
    }

    [Fact]
    public void Pm_Capture_IsPhraseAsWrittenThatEndsFirst()
    {
        var op = Compile(OperatorName.Pm, "Select UNION sel");
        var captures = new OperatorCaptures();

        Assert.True(op.IsMatch("1 union SELECT", captures));

        Assert.Equal("UNION", captures.GetString(0));
        Assert.Equal(1, captures.Count);
    }

    [Fact]
    public void Pm_LongerPhraseEndingAtSamePlace_IsPreferred()
    {
        var op = Compile(OperatorName.Pm, "lect select");
        var captures = new OperatorCaptures();

        Assert.True(op.IsMatch("xselect", captures));

        Assert.Equal("select", captures.GetString(0));
    }

    [Fact]
    public void Pm_EmptyArgument_FailsToCompile()
    {
        var error = Assert.Throws<OperatorCompilationException>(() => Compile(OperatorName.Pm, "   "));

        Assert.Contains("no phrase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PmFromFile_DataFiles_SkipsCommentsAndBlankLinesKeepsLeadingSpaces()
    {
        var files = new InMemoryRuleFileSystem([
            new("/rules/a.data", "# comment\n\n   \n  # indented comment\r\nphpinfo\r\n in query expression\n"),
            new("/rules/b.data", "base64_decode\n"),
        ]);
        var op = new OperatorFactory(files).Compile(OperatorName.PmFromFile, "a.data b.data", ["/rules/a.data", "/rules/b.data"]);

        Assert.True(op.IsMatch("<?php PHPINFO(); ?>"));
        Assert.True(op.IsMatch("error in query expression"));
        Assert.False(op.IsMatch("inquery expression"));
        Assert.True(op.IsMatch("BASE64_DECODE("));
        Assert.False(op.IsMatch("# comment"));
    }

    [Fact]
    public void PmFromFile_RelativeNameWithoutResolvedFiles_UsesDataDirectory()
    {
        var files = new InMemoryRuleFileSystem([new("/etc/waf/words.data", "forbidden\n")]);
        var factory = new OperatorFactory(files, new OperatorFactoryOptions { DataDirectory = "/etc/waf" });

        Assert.True(factory.Compile(OperatorName.PmFromFile, "words.data").IsMatch("so FORBIDDEN"));
    }

    [Theory]
    [InlineData("missing.data", "cannot read data file")]
    [InlineData("https://example.org/list.data", "URL")]
    public void PmFromFile_UnreadableFile_FailsWithReason(string file, string reason)
    {
        var error = Assert.Throws<OperatorCompilationException>(() => Compile(OperatorName.PmFromFile, file));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PmFromFile_SameFilesInTwoRules_ShareOneAutomaton()
    {
        var files = new InMemoryRuleFileSystem([new("/rules/a.data", "x\n")]);
        var factory = new OperatorFactory(files);

        var first = (PhraseMatchOperator)factory.Compile(OperatorName.PmFromFile, "a.data", ["/rules/a.data"]);
        var second = (PhraseMatchOperator)factory.Compile(OperatorName.PmFromFile, "a.data", ["/rules/a.data"]);

        Assert.Same(first.Automaton, second.Automaton);
    }

    [Fact]
    public void Pm_RandomPhrasesAndTexts_AgreesWithNaiveSearch()
    {
        var random = new Random(9000);
        const string Alphabet = "abAB.-\u00e9";
        for (var round = 0; round < 500; round++)
        {
            var phrases = Enumerable.Range(0, random.Next(1, 8)).Select(_ => RandomText(random, Alphabet, 1, 4)).ToList();
            var automaton = new AhoCorasickAutomaton(phrases);
            for (var probe = 0; probe < 40; probe++)
            {
                var text = RandomText(random, Alphabet, 0, 24);
                var (expectedEnd, expectedLength) = NaiveFirstEnd(phrases, text);

                var found = automaton.FindFirst(text);

                if (expectedEnd < 0)
                {
                    Assert.Equal(-1, found);
                }
                else
                {
                    Assert.True(found >= 0, $"missed {string.Join("|", phrases)} in {text}");
                    Assert.Equal(expectedLength, phrases[found].Length);
                    Assert.True(text.AsSpan(0, expectedEnd + 1).EndsWith(phrases[found], StringComparison.OrdinalIgnoreCase));
                }
            }
        }
    }

    /// <summary>The earliest end position of any phrase (ASCII case ignored), and the longest phrase ending there.</summary>
    private static (int End, int Length) NaiveFirstEnd(List<string> phrases, string text)
    {
        for (var end = 0; end < text.Length; end++)
        {
            var best = -1;
            foreach (var phrase in phrases)
            {
                var start = end - phrase.Length + 1;
                if (start >= 0 && AsciiEqualsIgnoreCase(text.AsSpan(start, phrase.Length), phrase) && phrase.Length > best)
                {
                    best = phrase.Length;
                }
            }

            if (best > 0)
            {
                return (end, best);
            }
        }

        return (-1, 0);
    }

    private static bool AsciiEqualsIgnoreCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (char.IsAsciiLetter(a[i]) ? (a[i] | 0x20) != (b[i] | 0x20) : a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static string RandomText(Random random, string alphabet, int min, int max) =>
        new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
