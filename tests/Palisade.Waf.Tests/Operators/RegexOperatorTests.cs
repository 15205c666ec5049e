using Palisade.Waf.Operators;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

/// <summary>@rx keeps ModSecurity's PCRE semantics on byte strings.</summary>
public sealed class RegexOperatorTests
{
    [Theory]
    [InlineData(@"a.b", "a\nb", true)]
    [InlineData(@"^b$", "a\nb\nc", true)]
    [InlineData(@"^$", "a\n", false)]
    [InlineData(@"^$", "a\n\nb", true)]
    [InlineData(@"a$", "a\n", true)]
    [InlineData(@"\Aa\z", "a\n", false)]
    [InlineData(@"\Aa\Z", "a\n", true)]
    [InlineData(@"(?-m)^b", "a\nb", false)]
    [InlineData(@"(?<!x)^$", "a\n", false)]
    [InlineData(@"(?<!x)^$", "a\n\n", true)]
    public void Rx_DotAllAndMultiline_BehaveAsModSecurity(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.Rx, pattern, input));
    }

    [Theory]
    [InlineData(@"\x{e2}\x80\x{99}", "it\u00e2\u0080\u0099s", true)]
    [InlineData(@"\x41\x4", "A\u0004", true)]
    [InlineData(@"\x{41}", "A", true)]
    [InlineData(@"\101\0", "A\0", true)]
    [InlineData(@"\cA", "\u0001", true)]
    [InlineData(@"\e\a", "\u001b\u0007", true)]
    [InlineData(@"\Qa.b*\E+", "a.b**", true)]
    [InlineData(@"\Qa.b*\E+", "a.bbb", false)]
    [InlineData(@"\Qa.b\E", "axb", false)]
    [InlineData(@"\_\<\>", "_<>", true)]
    [InlineData("’", "\u00e2\u0080\u0099", true)]
    [InlineData("(?x) a b # note\n c", "abc", true)]
    [InlineData("(?x)x[ ]y", "x y", true)]
    [InlineData(@"a{,2}", "a{,2}", true)]
    public void Rx_PcreOnlySyntax_IsTranslated(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, Compile(OperatorName.Rx, pattern).IsMatch(input));
    }

    [Theory]
    [InlineData(@"^[[:alpha:]]+$", "abcXYZ", true)]
    [InlineData(@"^[[:alpha:]]+$", "ab1", false)]
    [InlineData(@"^[[:^digit:]x]+$", "abx", true)]
    [InlineData(@"^[[:^digit:]x]+$", "a1", false)]
    [InlineData(@"^[[:xdigit:][:space:]]+$", "0F a\t", true)]
    [InlineData(@"^[[:punct:]]$", "_", true)]
    [InlineData(@"^[a-z-[aeiou]]$", "-]", true)]
    [InlineData(@"^[a-z-[aeiou]]$", "b]", true)]
    [InlineData(@"^[a-z-[aeiou]]$", "b", false)]
    [InlineData(@"^[]a]+$", "]a]", true)]
    [InlineData(@"^[^]a]$", "]", false)]
    [InlineData(@"^[\d-z]+$", "1-z", true)]
    [InlineData(@"^[='\s[=<>]+$", "'=[ <", true)]
    [InlineData(@"^[\x00-\xff]$", "\u00ff", true)]
    [InlineData(@"^[^a]$", "\u00e9", true)]
    public void Rx_CharacterClasses_FollowPcre(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.Rx, pattern, input));
    }

    [Theory]
    [InlineData(@"\w", "\u00e9", false)]
    [InlineData(@"\bselect\b", "select\u00c3\u00a9", true)]
    [InlineData(@"\bselect\b", "selectx", false)]
    [InlineData(@"\d", "\u00b2", false)]
    [InlineData(@"\s", "\u00a0\u0085", false)]
    [InlineData(@"\s", "\v", true)]
    [InlineData(@"\h", "\u00a0", true)]
    [InlineData(@"\v", "\u0085", true)]
    [InlineData(@"(?i)\xe9", "\u00c9", false)]
    [InlineData(@"(?i)SELECT", "select", true)]
    [InlineData(@"(?i)[\xc0-\xc5]", "\u00e0", false)]
    [InlineData(@"[^\W]", "\u00ff", false)]
    public void Rx_BytesAbove127_AreNeverLettersDigitsOrSpaces(string pattern, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.Rx, pattern, input));
    }

    [Theory]
    [InlineData(@"(a)\1", "aa", true, "backreference")]
    [InlineData(@"(a)(b)\g{-2}", "aba", true, "backreference")]
    [InlineData(@"<\?(?!xml)", "<?php", true, "lookahead")]
    [InlineData(@"<\?(?!xml)", "<?xml", false, "lookahead")]
    [InlineData(@"(?<!&amp);", "&amp;", false, "lookbehind")]
    [InlineData(@"\s*+;", "  ;", true, "possessive quantifier")]
    [InlineData(@"a++a", "aaa", false, "possessive quantifier")]
    [InlineData(@"(?>a+)b", "aab", true, "atomic group")]
    [InlineData(@"(?P<q>['""])x(?P=q)", "'x'", true, "backreference")]
    public void Rx_BacktrackingOnlyConstruct_FallsBackWithReason(string pattern, string input, bool expected, string reason)
    {
        var op = (RegexOperator)Compile(OperatorName.Rx, pattern);

        Assert.Equal(expected, op.IsMatch(input));
        Assert.Equal(RegexEngineKind.Backtracking, op.Regex.Engine);
        Assert.Equal(reason, op.Regex.FallbackReason);
    }

    [Fact]
    public void Rx_PlainPattern_RunsNonBacktracking()
    {
        var op = (RegexOperator)Compile(OperatorName.Rx, @"(?i)\b(?:union\s+select|sleep\s*\()");

        Assert.True(op.IsMatch("1 UNION  SELECT 2"));
        Assert.Equal(RegexEngineKind.NonBacktracking, op.Regex.Engine);
        Assert.Null(op.Regex.FallbackReason);
    }

    [Fact]
    public void Rx_EmptyPattern_AlwaysMatches()
    {
        Assert.True(Matches(OperatorName.Rx, "", ""));
        Assert.True(Matches(OperatorName.Rx, "", "x"));
    }

    [Fact]
    public void Rx_Capture_FillsGroupsZeroToNineAndSkipsGroupsThatDidNotTakePart()
    {
        var op = Compile(OperatorName.Rx, @"(a)(x)?(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)");
        var captures = new OperatorCaptures();

        Assert.True(op.IsMatch("--abcdefghijk--", captures));

        Assert.Equal("abcdefghijk", captures.GetString(0));
        Assert.Equal("a", captures.GetString(1));
        Assert.False(captures.IsSet(2));
        Assert.Equal("b", captures.GetString(3));
        Assert.Equal("h", captures.GetString(9));
        Assert.Equal(10, captures.Count);
    }

    [Fact]
    public void Rx_CaptureOnInputWithHighBytes_CutsFromOriginalInput()
    {
        var op = Compile(OperatorName.Rx, @"(\w+)\x{c3}\x{a9}(\w+)");
        var captures = new OperatorCaptures();
        var input = ByteText.FromRuleText("caf\u00e9s");

        Assert.True(op.IsMatch(input, captures));

        Assert.Equal(input, captures.GetString(0));
        Assert.Equal("s", captures.GetString(2));
    }

    [Fact]
    public void Rx_CaptureWithTrailingNewline_UsesPcreCaretRule()
    {
        var op = Compile(OperatorName.Rx, @"^(x?)$");
        var captures = new OperatorCaptures();

        Assert.True(op.IsMatch("a\nx\n", captures));
        Assert.Equal("x", captures.GetString(1));
        Assert.False(op.IsMatch("a\n", captures));
        Assert.True(captures.IsEmpty);
    }

    [Fact]
    public void Rx_NamedGroups_KeepPcreNumbering()
    {
        var op = Compile(OperatorName.Rx, @"(?<first>a)(b)(?'third'c)");
        var captures = new OperatorCaptures();

        Assert.True(op.IsMatch("abc", captures));

        Assert.Equal("a", captures.GetString(1));
        Assert.Equal("b", captures.GetString(2));
        Assert.Equal("c", captures.GetString(3));
    }

    [Theory]
    [InlineData(@"(abc", "missing closing parenthesis")]
    [InlineData(@"abc)", "unmatched closing parenthesis")]
    [InlineData(@"[abc", "missing terminating ]")]
    [InlineData(@"*a", "quantifier does not follow")]
    [InlineData(@"[z-a]", "range out of order")]
    [InlineData(@"\x{100}", "above 0xFF")]
    [InlineData(@"a\K", "\\K is not supported")]
    [InlineData(@"(?R)", "recursion")]
    [InlineData(@"(?|a|b)", "branch reset")]
    [InlineData(@"(*UTF8)a", "(*VERB)")]
    [InlineData(@"[[:alphabet:]]", "unknown POSIX class")]
    [InlineData(@"a{2}{3}", "quantifier does not follow")]
    [InlineData(@"x{2,1}", "not a valid regular expression")]
    [InlineData(@"\", "\\ at end of pattern")]
    public void Rx_InvalidPattern_FailsWithReason(string pattern, string reason)
    {
        var error = Assert.Throws<OperatorCompilationException>(() => Compile(OperatorName.Rx, pattern));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("@rx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rx_BacktrackingPatternThatRunsAway_TimesOutAsNoMatchAndReports()
    {
        var timedOut = 0;
        var options = new OperatorFactoryOptions
        {
            BacktrackingMatchTimeout = TimeSpan.FromMilliseconds(20),
            OnRegexTimeout = _ => Interlocked.Increment(ref timedOut),
        };
        var op = Compile(OperatorName.Rx, @"^(?=a)(a+)+\1$", options);

        Assert.False(op.IsMatch(new string('a', 40) + "!"));
        Assert.Equal(1, timedOut);
    }

    [Fact]
    public void Rx_ConcurrentFirstUse_BuildsOneEngineAndAgrees()
    {
        var regex = WafRegex.Compile(@"(?i)(?:select|union|sleep)\s*\(", TimeSpan.FromSeconds(1));
        var results = new bool[64];

        Parallel.For(0, results.Length, i => results[i] = regex.IsMatch(i % 2 == 0 ? "SLEEP (5)" : "benign"));

        Assert.All(results.Where((_, i) => i % 2 == 0), Assert.True);
        Assert.All(results.Where((_, i) => i % 2 == 1), Assert.False);
    }
}
