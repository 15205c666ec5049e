namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Every operator family run through a rule on ARGS:v, with and without negation, and operator arguments built from
/// macros at run time. Expected results follow the reference manual's "Operators" section.
/// </summary>
public sealed class OperatorThroughEngineTests
{
    [Theory]
    [InlineData("@rx ^a.c$", "abc", true)]
    [InlineData("!@rx ^a", "abc", false)]
    [InlineData("!@rx ^z", "abc", true)]
    [InlineData("^a.c$", "abc", true)]
    [InlineData("@streq abc", "abc", true)]
    [InlineData("@streq ab", "abc", false)]
    [InlineData("!@streq ab", "abc", true)]
    [InlineData("@contains b", "abc", true)]
    [InlineData("@beginsWith ab", "abc", true)]
    [InlineData("@endsWith bc", "abc", true)]
    [InlineData("@endsWith ab", "abc", false)]
    [InlineData("@containsWord bar", "foo bar baz", true)]
    [InlineData("@containsWord ba", "foo bar baz", false)]
    // @within: "Returns true if the input value (the needle) is found anywhere within the @within parameter".
    [InlineData("@within GET POST HEAD", "POST", true)]
    [InlineData("@within GET POST HEAD", "POS", true)]
    [InlineData("@within GET POST HEAD", "PUT", false)]
    [InlineData("@pm one two three", "xxtwoxx", true)]
    [InlineData("@pm one two three", "TWO", true)]
    [InlineData("@pm one two three", "none of them", true)]
    [InlineData("@pm one two three", "nothing", false)]
    [InlineData("@strmatch needle", "haystackneedlehay", true)]
    [InlineData("@eq 5", "5", true)]
    [InlineData("@eq 5", "6", false)]
    [InlineData("@eq 0", "not a number", true)]
    [InlineData("@gt 4", "5", true)]
    [InlineData("@ge 5", "5", true)]
    [InlineData("@lt 4", "5", false)]
    [InlineData("@le 5", "5", true)]
    [InlineData("!@eq 5", "5", false)]
    [InlineData("@ipMatch 10.0.0.0/8,192.168.1.1", "10.1.2.3", true)]
    [InlineData("@ipMatch 10.0.0.0/8,192.168.1.1", "192.168.1.2", false)]
    // @validateByteRange matches when a byte is outside the ranges.
    [InlineData("@validateByteRange 48-57", "123", false)]
    [InlineData("@validateByteRange 48-57", "12a", true)]
    [InlineData("@validateUrlEncoding", "a%zzb", true)]
    [InlineData("@validateUrlEncoding", "a%41b", false)]
    [InlineData("@unconditionalMatch", "anything", true)]
    [InlineData("@noMatch", "anything", false)]
    [InlineData("!@noMatch", "anything", true)]
    [InlineData("@detectSQLi", "1' OR '1'='1", true)]
    [InlineData("@detectSQLi", "hello world", false)]
    [InlineData("@detectXSS", "<script>alert(1)</script>", true)]
    [InlineData("@detectXSS", "hello world", false)]
    public void Operator_ArgumentValue_MatchesAsDocumented(string @operator, string value, bool expected)
    {
        // The value travels raw in a request header, so no decoding stands between it and the operator.
        var rules = $$"""SecRule REQUEST_HEADERS:X-Value "{{@operator}}" "id:1,phase:1,pass,nolog" """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get("/").WithHeader("X-Value", value));

        Assert.Equal(expected, transaction.Matched(1));
    }

    [Theory]
    [InlineData("%C3%A9", false)]
    [InlineData("%C3%28", true)]
    [InlineData("%E2%82", true)]
    [InlineData("%C0%AF", true)]
    public void ValidateUtf8Encoding_DecodedArgumentBytes_MatchesInvalidSequences(string encoded, bool expected)
    {
        // Overlong forms (C0 AF for '/') are invalid UTF-8 and must be reported, as ModSecurity's validator does.
        const string Rules = """SecRule ARGS:v "@validateUtf8Encoding" "id:1,phase:1,pass,nolog" """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?v=" + encoded));

        Assert.Equal(expected, transaction.Matched(1));
    }

    [Fact]
    public void OperatorArgument_Macro_ExpandedPerTransaction()
    {
        const string Rules = """
            SecAction "id:1,phase:1,pass,nolog,setvar:'tx.allowed_methods=GET HEAD',setvar:tx.max_args=2"
            SecRule REQUEST_METHOD "!@within %{tx.allowed_methods}" "id:2,phase:1,pass,nolog"
            SecRule &ARGS "@gt %{tx.max_args}" "id:3,phase:1,pass,nolog"
            """;

        using var allowed = InlineEngine.Run(Rules, EngineExchange.Get("/?a=1"));
        using var refused = InlineEngine.Run(Rules, EngineExchange.Get("/?a=1&b=2&c=3") with { Method = "DELETE" });

        Assert.Equal([1], allowed.MatchedIds());
        Assert.Equal([1, 2, 3], refused.MatchedIds());
    }
}
