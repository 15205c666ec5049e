using System.Text.Json;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// The JSON audit record and when it is written: SecAuditEngine On (every transaction), Off (never) and RelevantOnly
/// ("only log transactions that have triggered a warning or an error, or have a status code that is considered to be
/// relevant (as determined by the SecAuditLogRelevantStatus directive)"), with log/nolog/auditlog/noauditlog as the
/// ModSecurity v2 regression suite checks them (tests/regression/action/10-logging.t).
/// </summary>
public sealed class AuditRecordTests
{
    private const string DetectionRule = """
        SecRule ARGS:q "@contains <script" "id:941998,phase:2,pass,log,msg:'XSS probe',logdata:'%{MATCHED_VAR}',severity:CRITICAL,tag:'attack-xss'"
        """;

    [Fact]
    public void AuditOn_MatchedRule_ValidJsonWithTransactionRequestAndMessages()
    {
        var log = new RecordingLog();
        var rules = "SecAuditEngine On\n" + DetectionRule;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get("/search?q=%3Cscript%3E").WithHeader("User-Agent", "Probe \"1\"\n") with { UniqueId = "audit-1" }, log);

        var json = log.AuditOf(transaction);
        Assert.NotNull(json);
        Assert.DoesNotContain('\n', json);
        using var document = JsonDocument.Parse(json);
        var record = document.RootElement.GetProperty("transaction");
        Assert.Equal("audit-1", record.GetProperty("unique_id").GetString());
        Assert.Equal("198.18.0.10", record.GetProperty("client_ip").GetString());
        Assert.Equal("GET", record.GetProperty("request").GetProperty("method").GetString());
        Assert.Equal("/search?q=%3Cscript%3E", record.GetProperty("request").GetProperty("uri").GetString());
        Assert.Equal("Probe \"1\"\n", record.GetProperty("request").GetProperty("headers").GetProperty("User-Agent").GetString());
        Assert.Equal(200, record.GetProperty("response").GetProperty("http_code").GetInt32());
        var message = Assert.Single(record.GetProperty("messages").EnumerateArray());
        Assert.Equal("XSS probe", message.GetProperty("message").GetString());
        Assert.Equal("941998", message.GetProperty("details").GetProperty("ruleId").GetString());
        Assert.Equal("<script>", message.GetProperty("details").GetProperty("data").GetString());
        Assert.Equal(["attack-xss"], message.GetProperty("details").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public void AuditOn_Denied_HttpCodeIsTheInterventionStatus()
    {
        var log = new RecordingLog();
        const string Rules = """
            SecAuditEngine On
            SecRule ARGS:a "@streq bad" "id:1,phase:1,deny,status:406,log,msg:'Bad'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=bad"), log);

        using var document = JsonDocument.Parse(log.AuditOf(transaction) ?? "null");
        var record = document.RootElement.GetProperty("transaction");
        Assert.Equal(406, record.GetProperty("response").GetProperty("http_code").GetInt32());
        Assert.Equal("1", Assert.Single(record.GetProperty("messages").EnumerateArray()).GetProperty("details").GetProperty("ruleId").GetString());
    }

    [Fact]
    public void AuditOn_NothingMatched_RecordStillWritten()
    {
        var log = new RecordingLog();

        using var transaction = InlineEngine.Run("SecAuditEngine On\n" + DetectionRule, EngineExchange.Get("/?q=hello"), log);

        using var document = JsonDocument.Parse(log.AuditOf(transaction) ?? "null");
        Assert.Empty(document.RootElement.GetProperty("transaction").GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public void AuditOff_RuleMatched_NoRecord()
    {
        var log = new RecordingLog();

        using var transaction = InlineEngine.Run("SecAuditEngine Off\n" + DetectionRule, EngineExchange.Get("/?q=%3Cscript%3E"), log);

        Assert.True(transaction.Matched(941998));
        Assert.Null(log.AuditOf(transaction));
    }

    [Fact]
    public void AuditRelevantOnly_LoggingRuleMatched_RecordWritten()
    {
        var log = new RecordingLog();
        var rules = "SecAuditEngine RelevantOnly\nSecAuditLogRelevantStatus \"^(?:5|4(?!04))\"\n" + DetectionRule;

        var engine = InlineEngine.Load(rules, log);

        using var matched = EngineExchange.Get("/?q=%3Cscript%3E").Run(engine);
        using var clean = EngineExchange.Get("/?q=hello").Run(engine);

        Assert.NotNull(log.AuditOf(matched));
        Assert.Null(log.AuditOf(clean));
    }

    [Fact]
    public void AuditRelevantOnly_RelevantResponseStatus_RecordWrittenWithoutAnyMatch()
    {
        var log = new RecordingLog();
        var rules = "SecAuditEngine RelevantOnly\nSecAuditLogRelevantStatus \"^(?:5|4(?!04))\"\n" + DetectionRule;

        var engine = InlineEngine.Load(rules, log);

        using var serverError = EngineExchange.Get("/?q=hello").WithResponse(500, "text/html", "oops").Run(engine);
        using var notFound = EngineExchange.Get("/?q=hello").WithResponse(404, "text/html", "none").Run(engine);

        Assert.NotNull(log.AuditOf(serverError));
        Assert.Null(log.AuditOf(notFound));
    }

    [Fact]
    public void AuditRelevantOnly_LogNoAuditLogRule_ErrorLineButNoRecord()
    {
        // 10-logging.t "log,noauditlog (pass)": error log written, audit log not.
        var log = new RecordingLog();
        const string Rules = """
            SecAuditEngine RelevantOnly
            SecAuditLogRelevantStatus xxx
            SecAction "id:500015,phase:1,pass,log,noauditlog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"), log);

        Assert.Single(log.ErrorsOf(transaction));
        Assert.Null(log.AuditOf(transaction));
    }

    [Fact]
    public void AuditRelevantOnly_NologAuditLogRule_RecordWithoutErrorLine()
    {
        // 10-logging.t "nolog,auditlog (pass)": the audit log gets the transaction although the error log does not.
        var log = new RecordingLog();
        const string Rules = """
            SecAuditEngine RelevantOnly
            SecAuditLogRelevantStatus xxx
            SecAction "id:500016,phase:1,pass,nolog,auditlog"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/"), log);

        Assert.Empty(log.ErrorsOf(transaction));
        Assert.NotNull(log.AuditOf(transaction));
    }

    [Fact]
    public void CtlAuditEngine_OffForThisTransaction_NoRecord()
    {
        var log = new RecordingLog();
        var rules = "SecAuditEngine On\nSecRule REQUEST_FILENAME \"@streq /health\" \"id:1,phase:1,pass,nolog,ctl:auditEngine=Off\"\n" + DetectionRule;

        var engine = InlineEngine.Load(rules, log);

        using var health = EngineExchange.Get("/health").Run(engine);
        using var other = EngineExchange.Get("/other").Run(engine);

        Assert.Null(log.AuditOf(health));
        Assert.NotNull(log.AuditOf(other));
    }

    [Fact]
    public void BuildAuditRecord_HostileHeaderNamesAndValues_StillValidJson()
    {
        var exchange = EngineExchange.Get("/")
            .WithHeader("X-\"Quote\"", "\\\"}]{\u0001\u007f\u00ff")
            .WithHeader("X-Dup", "1")
            .WithHeader("X-Dup", "2");

        using var transaction = InlineEngine.Run("SecAuditEngine On\n" + DetectionRule, exchange);

        using var document = JsonDocument.Parse(transaction.BuildAuditRecord());
        Assert.Equal(JsonValueKind.Object, document.RootElement.GetProperty("transaction").GetProperty("request").GetProperty("headers").ValueKind);
    }
}
