using Palisade.Waf.Operators;
using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

/// <summary>Hostile patterns and inputs: errors or verdicts, never crashes; and no allocation on the fast path.</summary>
public sealed class OperatorRobustnessTests
{
    private const string PatternAlphabet = @"()[]{}\^$.|*+?-:=!<>#'aZ09xuQEkpPgcbBdwsSh,{}";

    [Fact]
    public void Compile_RandomPatterns_EitherCompilesAndMatchesOrFailsWithCompilationError()
    {
        var random = new Random(10_000);
        var compiled = 0;
        for (var round = 0; round < 3_000; round++)
        {
            var pattern = new string([.. Enumerable.Range(0, random.Next(1, 14)).Select(_ => PatternAlphabet[random.Next(PatternAlphabet.Length)])]);
            CompiledOperator op;
            try
            {
                op = Compile(OperatorName.Rx, pattern, new OperatorFactoryOptions { BacktrackingMatchTimeout = TimeSpan.FromMilliseconds(50) });
            }
            catch (OperatorCompilationException)
            {
                continue;
            }

            compiled++;
            op.IsMatch("ab(1)[x]{2} \u00e9\n:=<>");
            op.IsMatch(string.Empty, new OperatorCaptures());
        }

        Assert.True(compiled > 300, $"only {compiled} random patterns compiled");
    }

    [Fact]
    public void IsMatch_RandomInputsOnEveryOperator_NeverThrows()
    {
        var operators = new (OperatorName Name, string Argument)[]
        {
            (OperatorName.Rx, @"(?i)(?:\bselect\b|<script|\.\./)"), (OperatorName.Pm, "select union |3c|script"),
            (OperatorName.StrEq, "x"), (OperatorName.Contains, "ab"), (OperatorName.ContainsWord, "ab"),
            (OperatorName.BeginsWith, "a"), (OperatorName.EndsWith, "b"), (OperatorName.Within, "abc"), (OperatorName.StrMatch, "ab"),
            (OperatorName.Eq, "1"), (OperatorName.Ge, "1"), (OperatorName.Gt, "1"), (OperatorName.Le, "1"), (OperatorName.Lt, "1"),
            (OperatorName.IpMatch, "10.0.0.0/8,2001:db8::/32"), (OperatorName.ValidateByteRange, "32-126"),
            (OperatorName.ValidateUrlEncoding, ""), (OperatorName.ValidateUtf8Encoding, ""),
            (OperatorName.UnconditionalMatch, ""), (OperatorName.NoMatch, ""),
        };
        var compiled = operators.Select(o => Compile(o.Name, o.Argument)).ToList();
        var random = new Random(11_000);
        var captures = new OperatorCaptures();
        for (var round = 0; round < 5_000; round++)
        {
            var input = RandomInput(random);
            foreach (var op in compiled)
            {
                var fast = op.IsMatch(input);
                Assert.Equal(fast, op.IsMatch(input, captures));
            }
        }
    }

    [Fact]
    public void IsMatch_HugeInput_CompletesForEveryOperator()
    {
        var input = string.Concat(Enumerable.Repeat("a%2e%2e/<scr\u00c3\u00a9ipt> 10.1.2.3 ", 50_000));

        Assert.True(Compile(OperatorName.Rx, @"(?i)<script\b|\.\./").IsMatch(input + "../"));
        Assert.True(Compile(OperatorName.Pm, "zzz <SCR").IsMatch(input));
        Assert.True(Compile(OperatorName.ValidateUtf8Encoding, "").IsMatch(input + "\u00ff"));
        Assert.False(Compile(OperatorName.ValidateUrlEncoding, "").IsMatch(input));
    }

    [Fact]
    public void IsMatch_FastPathOnCleanInput_AllocatesNothing()
    {
        var operators = new[]
        {
            Compile(OperatorName.Rx, @"(?i)(?:union[\s\x0b]+select|<script\b)"),
            Compile(OperatorName.Rx, @"\bsleep\b"),
            Compile(OperatorName.Pm, "select union insert"),
            Compile(OperatorName.Within, "GET HEAD POST"),
            Compile(OperatorName.ValidateByteRange, "32-126"),
            Compile(OperatorName.ValidateUtf8Encoding, ""),
            Compile(OperatorName.IpMatch, "10.0.0.0/8"),
            Compile(OperatorName.Lt, "5"),
        };
        const string Clean = "name=alice&city=paris 10.1.2.3";
        const string HighBytes = "name=caf\u00c3\u00a9";
        foreach (var op in operators)
        {
            op.IsMatch(Clean);
            op.IsMatch(HighBytes);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            foreach (var op in operators)
            {
                op.IsMatch(Clean);
                op.IsMatch(HighBytes);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string RandomInput(Random random)
    {
        var chars = new char[random.Next(40)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(8) == 0 ? (char)random.Next(0x100, 0x10000) : (char)random.Next(0, 0x100);
        }

        return new string(chars);
    }
}
