namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// The request-line, header, cookie and argument variables, each read through a rule (logdata:%{VAR} or an exact
/// operator), with the values the ModSecurity reference manual ("Variables") and libmodsecurity 3's
/// Transaction::processURI / addRequestHeader give them.
/// </summary>
public sealed class RequestVariableTests
{
    private const string Target = "/shop/sub%20dir/item.php?id=7&name=%3Cb%3E&name=second";

    [Theory]
    [InlineData("REQUEST_METHOD", "POST")]
    [InlineData("REQUEST_PROTOCOL", "HTTP/1.1")]
    [InlineData("REQUEST_LINE", "POST " + Target + " HTTP/1.1")]
    [InlineData("REQUEST_URI_RAW", Target)]
    // REQUEST_FILENAME/PATH_INFO: the path without the query string, %-decoded (libmodsecurity 3 sets both from m_uri_decoded).
    [InlineData("REQUEST_FILENAME", "/shop/sub dir/item.php")]
    [InlineData("PATH_INFO", "/shop/sub dir/item.php")]
    [InlineData("REQUEST_BASENAME", "item.php")]
    // "The value in QUERY_STRING is always provided raw, without URL decoding taking place."
    [InlineData("QUERY_STRING", "id=7&name=%3Cb%3E&name=second")]
    [InlineData("REMOTE_ADDR", "198.18.0.10")]
    [InlineData("REMOTE_PORT", "50000")]
    [InlineData("SERVER_ADDR", "198.18.0.1")]
    [InlineData("SERVER_PORT", "80")]
    [InlineData("SERVER_NAME", "www.example.test")]
    public void ScalarVariable_OriginFormRequest_HasManualValue(string variable, string expected)
    {
        var rules = $$"""SecRule {{variable}} "@unconditionalMatch" "id:1,phase:1,pass,log,logdata:'%{{{variable}}}'" """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get(Target) with { Method = "POST" });

        Assert.Equal(expected, transaction.DataOf(1));
    }

    [Fact]
    public void RequestUri_AbsoluteFormTarget_HasNoDomainWhileRawKeepsIt()
    {
        // Reference manual, REQUEST_URI: "it will never contain a domain name, even if it was provided on the request
        // line"; REQUEST_URI_RAW: "Same as REQUEST_URI but will contain the domain name if it was provided".
        const string Rules = """
            SecRule REQUEST_URI "@unconditionalMatch" "id:1,phase:1,pass,log,logdata:'%{REQUEST_URI}'"
            SecRule REQUEST_URI_RAW "@unconditionalMatch" "id:2,phase:1,pass,log,logdata:'%{REQUEST_URI_RAW}'"
            SecRule REQUEST_FILENAME "@unconditionalMatch" "id:3,phase:1,pass,log,logdata:'%{REQUEST_FILENAME}'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("http://www.example.test:8080/app/login.php?x=1"));

        Assert.Equal("/app/login.php", transaction.DataOf(3));
        Assert.Equal("http://www.example.test:8080/app/login.php?x=1", transaction.DataOf(2));
        Assert.Equal("/app/login.php?x=1", transaction.DataOf(1));
    }

    [Fact]
    public void ArgsGet_RepeatedAndEncodedNames_DecodedAndAllKept()
    {
        const string Rules = """
            SecRule &ARGS_GET:name "@eq 2" "id:1,phase:1,pass,nolog"
            SecRule ARGS_GET:name "@streq <b>" "id:2,phase:1,pass,nolog"
            SecRule ARGS_GET_NAMES "@streq a b" "id:3,phase:1,pass,nolog"
            SecRule ARGS_NAMES "@streq id" "id:4,phase:1,pass,nolog"
            SecRule &ARGS_GET_NAMES "@eq 4" "id:5,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?id=7&name=%3Cb%3E&name=second&a+b=1"));

        Assert.Equal([1, 2, 3, 4, 5], transaction.MatchedIds());
    }

    [Fact]
    public void ArgsCombinedSize_QueryAndBody_SumsNameAndValueLengths()
    {
        // "Contains the combined size of all request parameters. Files are excluded from the calculation."
        // ModSecurity v2 adds name and value lengths of every argument (apache2/re_variables.c).
        const string Rules = """
            SecRequestBodyAccess On
            SecRule ARGS_COMBINED_SIZE "@unconditionalMatch" "id:1,phase:1,pass,log,logdata:'%{ARGS_COMBINED_SIZE}'"
            SecRule ARGS_COMBINED_SIZE "@unconditionalMatch" "id:2,phase:2,pass,log,logdata:'%{ARGS_COMBINED_SIZE}'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.PostForm("/?ab=cde", "long=123456789"));

        Assert.Equal("5", transaction.MatchedRules.Single(r => r.Phase == 1).Data);
        Assert.Equal("18", transaction.MatchedRules.Single(r => r.Phase == 2).Data);
    }

    [Fact]
    public void SecArgumentsLimit_MoreQueryArguments_OnlyTheFirstAreKept()
    {
        // "SecArgumentsLimit: Configures the maximum number of ARGS that will be accepted for processing."
        const string Rules = """
            SecArgumentsLimit 3
            SecRule &ARGS "@eq 3" "id:1,phase:1,pass,nolog"
            SecRule &ARGS:d "@eq 0" "id:2,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=1&b=2&c=3&d=4&e=5"));

        Assert.Equal([1, 2], transaction.MatchedIds());
    }

    [Fact]
    public void RequestHeaders_NamesAndValues_KeyIgnoresCaseAndRepeatsAreKept()
    {
        const string Rules = """
            SecRule REQUEST_HEADERS:user-agent "@streq Probe/1.0" "id:1,phase:1,pass,nolog"
            SecRule &REQUEST_HEADERS:X-Repeated "@eq 2" "id:2,phase:1,pass,nolog"
            SecRule REQUEST_HEADERS_NAMES "@streq X-Repeated" "id:3,phase:1,pass,nolog"
            SecRule REQUEST_HEADERS:X-Repeated "@streq second" "id:4,phase:1,pass,nolog"
            SecRule &REQUEST_HEADERS "@eq 4" "id:5,phase:1,pass,nolog"
            SecRule REQUEST_HEADERS:Host "@unconditionalMatch" "id:6,phase:1,pass,log,logdata:'%{REQUEST_HEADERS.host}'"
            """;
        var exchange = EngineExchange.Get("/")
            .WithHeader("User-Agent", "Probe/1.0")
            .WithHeader("X-Repeated", "first")
            .WithHeader("x-repeated", "second");

        using var transaction = InlineEngine.Run(Rules, exchange);

        Assert.Equal([1, 2, 3, 4, 5, 6], transaction.MatchedIds());
        Assert.Equal("www.example.test", transaction.DataOf(6));
    }

    [Fact]
    public void RequestCookies_CookieHeader_SplitIntoNamesAndValues()
    {
        const string Rules = """
            SecRule REQUEST_COOKIES:session "@streq abc123" "id:1,phase:1,pass,nolog"
            SecRule REQUEST_COOKIES:theme "@streq dark" "id:2,phase:1,pass,nolog"
            SecRule REQUEST_COOKIES_NAMES "@streq theme" "id:3,phase:1,pass,nolog"
            SecRule &REQUEST_COOKIES "@eq 3" "id:4,phase:1,pass,nolog"
            SecRule &REQUEST_COOKIES:empty "@eq 1" "id:5,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/").WithHeader("Cookie", "session=abc123; theme=dark;empty="));

        Assert.Equal([1, 2, 3, 4, 5], transaction.MatchedIds());
    }

    [Fact]
    public void RequestBodyLength_FormBody_IsByteCount()
    {
        const string Rules = """
            SecRequestBodyAccess On
            SecRule REQUEST_BODY_LENGTH "@eq 12" "id:1,phase:2,pass,nolog"
            SecRule REQBODY_PROCESSOR "@streq URLENCODED" "id:2,phase:2,pass,nolog"
            SecRule REQBODY_ERROR "@eq 0" "id:3,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.PostForm("/", "a=1&b=%C3%A9"));

        Assert.Equal([1, 2, 3], transaction.MatchedIds());
    }

    [Fact]
    public void UrlencodedError_InvalidPercentEncodingInQuery_IsOne()
    {
        // Reference manual: URLENCODED_ERROR "is created when an invalid URL encoding is encountered during the parsing
        // of a query string (on every request) or during the parsing of an application/x-www-form-urlencoded body".
        const string Rules = """
            SecRule URLENCODED_ERROR "@eq 1" "id:1,phase:1,pass,nolog"
            SecRule ARGS:a "@streq %zz" "id:2,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=%zz"));

        Assert.Equal([1, 2], transaction.MatchedIds());
    }
}
