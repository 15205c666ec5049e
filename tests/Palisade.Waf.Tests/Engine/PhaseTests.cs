using System.Text;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// The five phases and what each one sees, as the ModSecurity reference manual describes them ("Processing Phases"):
/// request headers and the query string in phase 1, the request body and everything parsed from it in phase 2,
/// response headers in phase 3, the response body in phase 4, and logging in phase 5, which always runs.
/// </summary>
public sealed class PhaseTests
{
    [Fact]
    public void Phase1_QueryArguments_VisibleButBodyArgumentsNotYet()
    {
        const string Rules = """
            SecRequestBodyAccess On
            SecRule ARGS_GET:q "@streq one" "id:101,phase:1,pass,nolog"
            SecRule ARGS:q "@streq one" "id:102,phase:1,pass,nolog"
            SecRule &ARGS_POST "@eq 0" "id:103,phase:1,pass,nolog"
            SecRule &ARGS "@eq 1" "id:104,phase:1,pass,nolog"
            SecRule &REQUEST_BODY "@eq 0" "id:105,phase:1,pass,nolog"
            SecRule ARGS_POST:p "@streq two" "id:201,phase:2,pass,nolog"
            SecRule ARGS:p "@streq two" "id:202,phase:2,pass,nolog"
            SecRule &ARGS "@eq 2" "id:203,phase:2,pass,nolog"
            SecRule REQUEST_BODY "@streq p=two" "id:204,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.PostForm("/form?q=one", "p=two"));

        Assert.Equal([101, 102, 103, 104, 105, 201, 202, 203, 204], transaction.MatchedIds());
        Assert.All(transaction.MatchedRules, r => Assert.Equal(r.Id / 100, r.Phase));
    }

    [Fact]
    public void Phase3And4_ResponseVariables_VisibleOnlyFromTheirPhase()
    {
        const string Rules = """
            SecResponseBodyAccess On
            SecResponseBodyMimeType text/html
            SecRule &RESPONSE_HEADERS "@eq 0" "id:201,phase:2,pass,nolog"
            SecRule &RESPONSE_STATUS "@eq 0" "id:202,phase:2,pass,nolog"
            SecRule RESPONSE_STATUS "@eq 404" "id:301,phase:3,pass,nolog"
            SecRule RESPONSE_HEADERS:X-Backend "@streq app1" "id:302,phase:3,pass,nolog"
            SecRule RESPONSE_CONTENT_TYPE "@beginsWith text/html" "id:303,phase:3,pass,nolog"
            SecRule RESPONSE_PROTOCOL "@streq HTTP/1.1" "id:304,phase:3,pass,nolog"
            SecRule &RESPONSE_BODY "@eq 0" "id:305,phase:3,pass,nolog"
            SecRule RESPONSE_BODY "@contains secret-token" "id:401,phase:4,pass,nolog"
            SecRule RESPONSE_HEADERS_NAMES "@streq X-Backend" "id:402,phase:4,pass,nolog"
            """;
        var exchange = EngineExchange.Get("/page").WithResponse(404, "text/html; charset=utf-8", "<p>secret-token</p>");
        exchange = exchange with { ResponseHeaders = [.. exchange.ResponseHeaders, new("X-Backend", "app1")] };

        using var transaction = InlineEngine.Run(Rules, exchange);

        Assert.Equal([201, 202, 301, 302, 303, 304, 305, 401, 402], transaction.MatchedIds());
    }

    [Fact]
    public void Phase4_ResponseMimeTypeNotInspected_ResponseBodyAbsent()
    {
        // SecResponseBodyMimeType: only the listed types are buffered and inspected.
        const string Rules = """
            SecResponseBodyAccess On
            SecResponseBodyMimeType text/html
            SecRule RESPONSE_BODY "@contains secret-token" "id:401,phase:4,pass,nolog"
            SecRule &RESPONSE_BODY "@eq 0" "id:402,phase:4,pass,nolog"
            """;
        var exchange = EngineExchange.Get("/data").WithResponse(200, "application/octet-stream", "secret-token");

        using var transaction = InlineEngine.Run(Rules, exchange);

        Assert.Equal([402], transaction.MatchedIds());
    }

    [Fact]
    public void Phase5_AfterDenyInPhase1_StillRunsWhileLaterRequestPhasesDoNot()
    {
        // "The logging phase is special; it is designed to always run" (reference manual, allow / Processing Phases).
        const string Rules = """
            SecRule REQUEST_METHOD "@streq GET" "id:1,phase:1,deny,status:403,nolog"
            SecAction "id:2,phase:2,pass,nolog"
            SecAction "id:3,phase:3,pass,nolog"
            SecAction "id:5,phase:5,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"));

        Assert.Equal([1, 5], transaction.MatchedIds());
        Assert.Equal(5, transaction.MatchOf(5).Phase);
        Assert.Equal(403, transaction.Intervention?.Status);
    }

    [Fact]
    public void ProcessResponseHeaders_HostSkippedRequestBody_RunsPhase2First()
    {
        var engine = InlineEngine.Load("""
            SecAction "id:2,phase:2,pass,nolog,setvar:tx.seen=2"
            SecRule TX:seen "@eq 2" "id:3,phase:3,pass,nolog"
            """);
        using var transaction = engine.BeginTransaction();
        transaction.ProcessUri("/", "GET", "HTTP/1.1");
        transaction.ProcessRequestHeaders();

        transaction.ProcessResponseHeaders(200, "HTTP/1.1");

        Assert.Equal([2, 3], transaction.MatchedIds());
    }

    [Fact]
    public void Phase2_RequestBodyAccessOff_BodyNeitherParsedNorVisible()
    {
        const string Rules = """
            SecRequestBodyAccess Off
            SecRule &ARGS_POST "@eq 0" "id:1,phase:2,pass,nolog"
            SecRule &REQUEST_BODY "@eq 0" "id:2,phase:2,pass,nolog"
            SecRule ARGS "@streq two" "id:3,phase:2,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Post("/", EngineExchange.FormType, Encoding.ASCII.GetBytes("p=two")));

        Assert.Equal([1, 2], transaction.MatchedIds());
        Assert.False(transaction.IsRequestBodyAccessible);
    }
}
