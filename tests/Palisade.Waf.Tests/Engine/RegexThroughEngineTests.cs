namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// @rx through the whole engine path — literal prefilter, transformation cache, NonBacktracking or fallback regex —
/// on pattern shapes that make a required-literal analysis easy to get wrong. Expected results are PCRE's, compiled as
/// ModSecurity compiles @rx: with DOTALL (libmodsecurity 3 src/utils/regex.cc: PCRE_DOTALL|PCRE_MULTILINE; v2:
/// PCRE_DOTALL|PCRE_DOLLAR_ENDONLY).
/// </summary>
public sealed class RegexThroughEngineTests
{
    [Theory]
    [InlineData("(?:union|)select", "select", true)]
    [InlineData("(?:evil)?code", "code", true)]
    [InlineData("a{0}bc", "bc", true)]
    [InlineData("(?:ab){0,1}cd", "cd", true)]
    [InlineData("(?:ab)*cd", "cd", true)]
    [InlineData("ab|cd", "xxcdxx", true)]
    [InlineData("ab|cd", "acbd", false)]
    [InlineData("(?i)SeLeCt", "SELECT", true)]
    [InlineData("sel(?i)ECT", "select", true)]
    [InlineData("sel(?i)ECT", "SELect", false)]
    [InlineData("(?i:A)bc", "abc", true)]
    [InlineData("(?i:A)bc", "aBC", false)]
    [InlineData("[Ss]ystem\\(", "system(", true)]
    [InlineData("\\x41\\x42C", "xABCx", true)]
    [InlineData("e\\.vil", "e.vil", true)]
    [InlineData("e\\.vil", "eXvil", false)]
    [InlineData("foo\\b", "foo bar", true)]
    [InlineData("foo\\b", "foobar", false)]
    [InlineData("(?=.*admin)user", "user=admin", true)]
    [InlineData("^(?!.*safe).*danger", "danger", true)]
    [InlineData("^(?!.*safe).*danger", "safe danger", false)]
    [InlineData("(a|b)\\1", "xaax", true)]
    [InlineData("(a|b)\\1", "xabx", false)]
    [InlineData("a.b", "a\nb", true)]
    [InlineData("select\\s+from", "select \t\n from", true)]
    [InlineData("\\d{3}-\\d{4}", "call 555-1234", true)]
    [InlineData("[^a-z]admin", "xadmin", false)]
    [InlineData("[^a-z]admin", "_admin", true)]
    public void Rx_PatternShape_MatchesAsPcreWithDotAll(string pattern, string value, bool expected)
    {
        var rules = $$"""SecRule ARGS:v "@rx {{pattern}}" "id:1,phase:1,t:none,pass,nolog" """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get("/?v=" + Uri.EscapeDataString(value)));

        Assert.Equal(expected, transaction.Matched(1));
    }

    [Fact]
    public void Rx_SameValueManyRulesAndPipelines_EachRuleSeesItsOwnTransformedValue()
    {
        // Rules share the per-transaction cache of transformed values; a value cached for one pipeline must not leak
        // into a rule with another pipeline.
        const string Rules = """
            SecRule ARGS:v "@rx ^SELECT" "id:1,phase:1,t:none,pass,nolog"
            SecRule ARGS:v "@rx ^select" "id:2,phase:1,t:none,t:lowercase,pass,nolog"
            SecRule ARGS:v "@rx ^SELECT" "id:3,phase:1,t:none,t:lowercase,pass,nolog"
            SecRule ARGS:v "@rx ^select%20" "id:4,phase:1,t:none,t:lowercase,pass,nolog"
            SecRule ARGS:v "@rx ^select\x20x" "id:5,phase:1,t:none,t:urlDecode,t:lowercase,pass,nolog"
            SecRule ARGS:v "@rx ^SELECT%20" "id:6,phase:1,t:none,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?v=SELECT%2520x"));

        Assert.Equal([1, 2, 4, 5, 6], transaction.MatchedIds());
    }

    [Fact]
    public void Rx_TxValueChangesBetweenRules_EachRuleSeesTheCurrentValue()
    {
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,setvar:tx.v=ABC"
            SecRule TX:v "@rx ^abc$" "id:2,phase:1,t:lowercase,pass,nolog"
            SecAction "id:3,phase:1,pass,nolog,setvar:tx.v=XYZ"
            SecRule TX:v "@rx ^xyz$" "id:4,phase:1,t:lowercase,pass,nolog"
            SecRule TX:v "@rx ^abc$" "id:5,phase:1,t:lowercase,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 2, 3, 4], transaction.MatchedIds());
    }
}
