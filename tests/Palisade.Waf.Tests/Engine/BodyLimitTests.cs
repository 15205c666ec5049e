namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// SecRequestBodyLimit / SecResponseBodyLimit with their limit actions: Reject answers 413 for a request body (only
/// when the engine is On; libmodsecurity 3 Transaction::appendRequestBody), ProcessPartial inspects the first bytes,
/// and INBOUND_DATA_ERROR / OUTBOUND_DATA_ERROR say the limit was passed.
/// </summary>
public sealed class BodyLimitTests
{
    private static readonly string LongForm = "a=1&pad=" + new string('x', 150) + "&b=2";

    private static string RequestRules(string engine, string action) => $$"""
        SecRuleEngine {{engine}}
        SecRequestBodyAccess On
        SecRequestBodyLimit 100
        SecRequestBodyLimitAction {{action}}
        SecRule ARGS_POST:a "@streq 1" "id:1,phase:2,pass,nolog"
        SecRule &ARGS_POST:b "@eq 0" "id:2,phase:2,pass,nolog"
        SecRule INBOUND_DATA_ERROR "@eq 1" "id:3,phase:2,pass,nolog"
        SecAction "id:5,phase:5,pass,nolog"
        """;

    [Fact]
    public void RequestBodyOverLimit_RejectWithEngineOn_Intervention413AndPhase2Skipped()
    {
        using var transaction = InlineEngine.Run(RequestRules("On", "Reject"), EngineExchange.PostForm("/", LongForm) with { BodyChunkSize = 64 });

        Assert.Equal(413, transaction.Intervention?.Status);
        Assert.Equal([5], transaction.MatchedIds());
    }

    [Fact]
    public void RequestBodyOverLimit_RejectInDetectionOnly_NoInterventionButInboundDataError()
    {
        using var transaction = InlineEngine.Run(RequestRules("DetectionOnly", "Reject"), EngineExchange.PostForm("/", LongForm));

        Assert.Null(transaction.Intervention);
        Assert.True(transaction.Matched(3));
    }

    [Fact]
    public void RequestBodyOverLimit_ProcessPartial_FirstBytesInspectedRestIgnored()
    {
        using var transaction = InlineEngine.Run(RequestRules("On", "ProcessPartial"), EngineExchange.PostForm("/", LongForm) with { BodyChunkSize = 7 });

        Assert.Null(transaction.Intervention);
        Assert.Equal([1, 2, 3, 5], transaction.MatchedIds());
    }

    [Fact]
    public void RequestBodyWithinLimit_NoInboundDataError()
    {
        using var transaction = InlineEngine.Run(RequestRules("On", "Reject"), EngineExchange.PostForm("/", "a=1"));

        Assert.Null(transaction.Intervention);
        Assert.Equal([1, 2, 5], transaction.MatchedIds());
    }

    [Fact]
    public void ResponseBodyOverLimit_ProcessPartial_FirstBytesInspectedAndOutboundDataError()
    {
        const string Rules = """
            SecResponseBodyAccess On
            SecResponseBodyMimeType text/html
            SecResponseBodyLimit 20
            SecResponseBodyLimitAction ProcessPartial
            SecRule RESPONSE_BODY "@beginsWith <html>start" "id:1,phase:4,pass,nolog"
            SecRule RESPONSE_BODY "@contains secret" "id:2,phase:4,pass,nolog"
            SecRule OUTBOUND_DATA_ERROR "@eq 1" "id:3,phase:4,pass,nolog"
            SecRule RESPONSE_BODY "@unconditionalMatch" "id:4,phase:4,pass,log,logdata:'%{RESPONSE_BODY}'"
            """;
        var page = "<html>start" + new string(' ', 60) + "secret</html>";

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/").WithResponse(200, "text/html", page));

        Assert.Null(transaction.Intervention);
        Assert.Equal([1, 3, 4], transaction.MatchedIds());
        Assert.Equal(page[..20], transaction.DataOf(4));
    }

    [Fact]
    public void ResponseBodyOverLimit_RejectWithEngineOn_Intervention()
    {
        const string Rules = """
            SecResponseBodyAccess On
            SecResponseBodyMimeType text/html
            SecResponseBodyLimit 20
            SecResponseBodyLimitAction Reject
            SecAction "id:4,phase:4,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/").WithResponse(200, "text/html", new string('x', 100)));

        Assert.NotNull(transaction.Intervention);
        Assert.False(transaction.Matched(4));
    }

    [Fact]
    public void RequestBodyLimit_CtlRaisesItForOneTransaction_WholeBodyInspected()
    {
        var rules = RequestRules("On", "Reject") + """

            SecRule REQUEST_FILENAME "@streq /upload" "id:10,phase:1,pass,nolog,ctl:requestBodyLimit=100000"
            """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.PostForm("/upload", LongForm));

        Assert.Null(transaction.Intervention);
        Assert.Equal([10, 1, 5], transaction.MatchedIds());
    }
}
