using System.Text.RegularExpressions;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// The error-log line a logging rule writes, in the form libmodsecurity 3 writes it (RuleMessage::log and _details in
/// src/rule_message.cc): "ModSecurity: Warning." or "ModSecurity: Access denied with code N (phase P).", then
/// bracketed fields [file] [line] [id] [rev] [msg] [data] [severity] [ver] [maturity] [accuracy] [tag]… [hostname]
/// [uri] [unique_id] — one line whatever the request held.
/// </summary>
public sealed class ErrorLogLineTests
{
    private const string XssRule = """
        SecRule ARGS:q "@rx (?i)<script" "id:941999,phase:2,pass,log,capture,t:none,msg:'XSS \"quoted\" attempt',logdata:'Matched Data: %{TX.0} found within %{MATCHED_VAR_NAME}: %{MATCHED_VAR}',severity:CRITICAL,tag:'application-multi',tag:'attack-xss',ver:'Palisade/1',rev:'2'"
        """;

    [Fact]
    public void ErrorLine_MatchedLoggingRule_CarriesEveryField()
    {
        var log = new RecordingLog();

        using var transaction = InlineEngine.Run(XssRule, EngineExchange.Get("/search?q=%3Cscript%3E") with { UniqueId = "tx-1" }, log);

        var line = Assert.Single(log.ErrorsOf(transaction));
        Assert.Equal(line, transaction.MatchOf(941999).ErrorLine);
        Assert.StartsWith("ModSecurity: Warning. ", line, StringComparison.Ordinal);
        Assert.Contains("[id \"941999\"]", line, StringComparison.Ordinal);
        Assert.Contains("[rev \"2\"]", line, StringComparison.Ordinal);
        Assert.Contains("[msg \"XSS \\\"quoted\\\" attempt\"]", line, StringComparison.Ordinal);
        Assert.Contains("[data \"Matched Data: <script found within ARGS:q: <script>\"]", line, StringComparison.Ordinal);
        Assert.Contains("[severity \"2\"]", line, StringComparison.Ordinal);
        Assert.Contains("[ver \"Palisade/1\"]", line, StringComparison.Ordinal);
        Assert.Contains("[tag \"application-multi\"] [tag \"attack-xss\"]", line, StringComparison.Ordinal);
        Assert.Contains("[hostname \"www.example.test\"]", line, StringComparison.Ordinal);
        Assert.Contains("[unique_id \"tx-1\"]", line, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\[file ""[^""]+inline\.conf""\] \[line ""1""\]"), line);
    }

    [Fact]
    public void ErrorLine_Uri_IsThePathWithoutQueryString()
    {
        // libmodsecurity 3 writes [uri] from m_uri_no_query_string_decoded (RuleMessage::getUri); ModSecurity v2 from
        // Apache's r->uri. Neither carries the query string, where the attack usually is.
        var log = new RecordingLog();

        using var transaction = InlineEngine.Run(XssRule, EngineExchange.Get("/search?q=%3Cscript%3E"), log);

        Assert.Contains("[uri \"/search\"]", Assert.Single(log.ErrorsOf(transaction)), StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorLine_ControlCharactersAndQuotesInRequest_StayOneEscapedLine()
    {
        var log = new RecordingLog();

        using var transaction = InlineEngine.Run(XssRule, EngineExchange.Get("/search?q=a%0D%0A%22%5D%20%5Bid%20%22999%22%5D%00%3Cscript%3E"), log);

        var line = Assert.Single(log.ErrorsOf(transaction));
        Assert.DoesNotContain('\n', line);
        Assert.DoesNotContain('\r', line);
        Assert.DoesNotContain('\0', line);
        Assert.Contains(@"\x0a", line, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(line, @"\[id """));
    }

    [Fact]
    public void ErrorLine_HugeLogData_DataFieldIsTruncated()
    {
        // ModSecurity bounds [data]: v2 cuts it at 512 bytes (msre_format_metadata in apache2/re.c), libmodsecurity 3
        // at 200 (utils::string::limitTo(200, m_data) in src/rule_message.cc). A 1 MB argument must not make a 1 MB line.
        var log = new RecordingLog();

        using var transaction = InlineEngine.Run(XssRule, EngineExchange.Get("/search?q=%3Cscript%3E" + new string('A', 4000)), log);

        var line = Assert.Single(log.ErrorsOf(transaction));
        var data = Regex.Match(line, @"\[data ""((?:[^""\\]|\\.)*)""\]").Groups[1].Value;
        Assert.InRange(data.Length, 1, 512);
    }

    [Theory]
    [InlineData("On", "ModSecurity: Access denied with code 403 (phase 2). ")]
    [InlineData("DetectionOnly", "ModSecurity: Warning. ")]
    public void ErrorLine_DenyingRule_PrefixSaysWhetherTheRequestWasStopped(string mode, string prefix)
    {
        var log = new RecordingLog();
        var rules = $$"""
            SecRuleEngine {{mode}}
            SecRule ARGS:a "@streq bad" "id:10,phase:2,deny,status:403,log,msg:'Bad argument'"
            """;

        using var transaction = InlineEngine.Run(rules, EngineExchange.Get("/?a=bad"), log);

        Assert.StartsWith(prefix, Assert.Single(log.ErrorsOf(transaction)), StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorLine_NologRule_MatchRecordedButNothingWritten()
    {
        var log = new RecordingLog();
        const string Rules = """
            SecRule ARGS:a "@streq x" "id:1,phase:1,pass,nolog,msg:'quiet'"
            SecRule ARGS:a "@streq x" "id:2,phase:1,pass,log,msg:'loud'"
            """;

        using var transaction = InlineEngine.Run(Rules, EngineExchange.Get("/?a=x"), log);

        Assert.Equal([1, 2], transaction.MatchedIds());
        Assert.Equal("", transaction.MatchOf(1).ErrorLine);
        Assert.Contains("[id \"2\"]", Assert.Single(log.ErrorsOf(transaction)), StringComparison.Ordinal);
    }
}
