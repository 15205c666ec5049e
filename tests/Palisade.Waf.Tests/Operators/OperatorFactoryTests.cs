using Palisade.Waf.Operators;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

public sealed class OperatorFactoryTests
{
    private static readonly MacroString AllowedMethods = new("%{tx.allowed_methods}", [MacroSegment.FromVariable(VariableName.Tx, "allowed_methods")]);

    [Fact]
    public void Prepare_ConstantArgument_CompilesOnce()
    {
        var prepared = new OperatorFactory(NoFiles).Prepare(RuleOperator(OperatorName.Rx, "(?i)select"));

        Assert.False(prepared.HasMacros);
        Assert.NotNull(prepared.Compiled);
        Assert.Same(prepared.Compiled, prepared.Bind("ignored"));
        Assert.True(prepared.Compiled.IsMatch("SELECT"));
    }

    [Fact]
    public void Prepare_MacroArgument_BindsExpandedValueAndReusesIt()
    {
        var prepared = new OperatorFactory(NoFiles).Prepare(RuleOperator(OperatorName.Within, "%{tx.allowed_methods}", AllowedMethods));

        Assert.True(prepared.HasMacros);
        Assert.Null(prepared.Compiled);
        var bound = prepared.Bind("GET HEAD POST");
        Assert.True(bound.IsMatch("POST"));
        Assert.False(bound.IsMatch("PUT"));
        Assert.Same(bound, prepared.Bind("GET HEAD POST"));
        Assert.True(prepared.Bind("PUT").IsMatch("PUT"));
    }

    [Fact]
    public void Bind_MoreDistinctValuesThanCache_StillCompilesEachCorrectly()
    {
        var factory = new OperatorFactory(NoFiles, new OperatorFactoryOptions { MacroCacheSize = 2 });
        var prepared = factory.Prepare(RuleOperator(OperatorName.Ge, "%{tx.threshold}", new MacroString("%{tx.threshold}", [MacroSegment.FromVariable(VariableName.Tx, "threshold")])));

        for (var threshold = 0; threshold < 10; threshold++)
        {
            var op = prepared.Bind(threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(op.IsMatch("5") == (5 >= threshold));
        }
    }

    [Fact]
    public void Prepare_MacroInPhraseList_IsTakenLiterally()
    {
        var prepared = new OperatorFactory(NoFiles).Prepare(RuleOperator(OperatorName.Pm, "%{tx.x}", new MacroString("%{tx.x}", [MacroSegment.FromVariable(VariableName.Tx, "x")])));

        Assert.False(prepared.HasMacros);
        Assert.True(prepared.Compiled!.IsMatch("literal %{TX.X} text"));
    }

    [Fact]
    public void Prepare_InvalidArgument_ReportsErrorAtOperatorLocation()
    {
        var factory = new OperatorFactory(NoFiles);

        var error = Assert.Throws<SecLangException>(() => factory.Prepare(RuleOperator(OperatorName.Rx, "(unclosed")));

        var single = Assert.Single(error.Errors);
        Assert.Equal(new SourceLocation("/rules/test.conf", 7, 12), single.Location);
        Assert.Contains("missing closing parenthesis", single.Message, StringComparison.Ordinal);
        Assert.StartsWith("/rules/test.conf:7:12: @rx", single.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TryPrepare_InvalidArgument_ReturnsErrorWithoutThrowing()
    {
        var ok = new OperatorFactory(NoFiles).TryPrepare(RuleOperator(OperatorName.ValidateByteRange, "1-999"), out var prepared, out var error);

        Assert.False(ok);
        Assert.Null(prepared);
        Assert.Contains("999", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OperatorName.DetectSqli, "SqlInjectionDetector")]
    [InlineData(OperatorName.DetectXss, "XssDetector")]
    public void Compile_DetectorNotConfigured_FailsNamingTheOption(OperatorName name, string option)
    {
        var error = Assert.Throws<OperatorCompilationException>(() => Compile(name, ""));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_DetectSqliWithDetector_DelegatesAndCapturesEvidence()
    {
        var options = new OperatorFactoryOptions { SqlInjectionDetector = new KeywordInjectionDetector("union", "s&1UE") };
        var op = Compile(OperatorName.DetectSqli, "", options);
        var captures = new OperatorCaptures();

        Assert.True(op.IsMatch("1 UNION 2"));
        Assert.False(op.IsMatch("harmless"));
        Assert.True(op.IsMatch("1 union 2", captures));
        Assert.Equal("s&1UE", captures.GetString(0));
        Assert.False(op.IsMatch("harmless", captures));
        Assert.True(captures.IsEmpty);
    }

    [Theory]
    [InlineData(OperatorName.GeoLookup, "")]
    [InlineData(OperatorName.Rbl, "dnsbl.httpbl.org")]
    public void Compile_LookupWithoutDatabaseOrDns_NeverMatches(OperatorName name, string argument)
    {
        var op = Compile(name, argument);

        Assert.False(op.IsMatch("203.0.113.9"));
    }

    [Fact]
    public void Compile_EagerRegexOption_BuildsEngineImmediately()
    {
        var op = (RegexOperator)Compile(OperatorName.Rx, "a(b)c", new OperatorFactoryOptions { CompileRegexesEagerly = true });

        Assert.Equal(RegexEngineKind.NonBacktracking, op.Regex.Engine);
        Assert.Equal("a(b)c", op.Regex.Pattern);
        Assert.Equal("a(b)c", op.Regex.TranslatedPattern);
    }

    [Fact]
    public void Compile_RuleTextWithUtf8_ComparesItsBytes()
    {
        Assert.True(Matches(OperatorName.StrEq, "né", "n\u00c3\u00a9"));
        Assert.False(Matches(OperatorName.StrEq, "né", "n\u00e9"));
    }
}
