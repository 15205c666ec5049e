using Palisade.Waf.Hosting.Conformance;

namespace Palisade.Waf.Hosting.Tests.Conformance;

public sealed class FtwJudgeTests
{
    private static readonly string[] Lines =
    [
        """ModSecurity: Warning. Matched "Operator `Rx' ..." [file "x.conf"] [line "1"] [id "942100"] [msg "SQL Injection Attack Detected via libinjection"] [severity "2"]""",
        """ModSecurity: Warning. Matched "Operator `Ge' ..." [id "949110"] [msg "Inbound Anomaly Score Exceeded (Total Score: 5)"]""",
    ];

    [Fact]
    public void Judge_ExpectedIdsAllPresent_Passes()
    {
        var verdict = FtwJudge.Judge(Expect(log: new() { ExpectIds = [942100, 949110] }), Ok(200), Lines);

        Assert.True(verdict.Passed);
        Assert.Equal([942100, 949110], verdict.IdsSeen);
    }

    [Fact]
    public void Judge_ExpectedIdMissing_FailsNamingIt()
    {
        var verdict = FtwJudge.Judge(Expect(log: new() { ExpectIds = [942100, 942101] }), Ok(200), Lines);

        Assert.False(verdict.Passed);
        Assert.Equal("ids [942100, 942101]", verdict.Expected);
        Assert.Equal("status 200, ids [942100, 949110] (missing [942101])", verdict.Actual);
    }

    [Fact]
    public void Judge_UnexpectedIdPresent_Fails()
    {
        var verdict = FtwJudge.Judge(Expect(log: new() { NoExpectIds = [920100, 942100] }), Ok(200), Lines);

        Assert.False(verdict.Passed);
        Assert.Contains("(unexpected [942100])", verdict.Actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, true)]
    [InlineData(200, true)]
    [InlineData(404, false)]
    public void Judge_StatusList_AnyOfThemPasses(int status, bool passes)
    {
        Assert.Equal(passes, FtwJudge.Judge(Expect(status: [200, 403]), Ok(status), []).Passed);
    }

    [Fact]
    public void Judge_LogRegexes_MatchAndNoMatch()
    {
        Assert.True(FtwJudge.Judge(Expect(log: new() { MatchRegex = @"Total Score: \d+" }), Ok(200), Lines).Passed);
        Assert.False(FtwJudge.Judge(Expect(log: new() { MatchRegex = "Outbound" }), Ok(200), Lines).Passed);
        Assert.False(FtwJudge.Judge(Expect(log: new() { NoMatchRegex = """\[id "\d+"\]""" }), Ok(200), Lines).Passed);
        Assert.True(FtwJudge.Judge(Expect(log: new() { NoMatchRegex = """\[id "\d+"\]""" }), Ok(200), []).Passed);
    }

    [Fact]
    public void Judge_DeprecatedLogContains_UsedWhenNoLogBlock()
    {
        Assert.False(FtwJudge.Judge(new FtwOutput { LogContains = "id \"941100\"" }, Ok(200), Lines).Passed);
        Assert.True(FtwJudge.Judge(new FtwOutput { NoLogContains = "id \"941100\"" }, Ok(200), Lines).Passed);
    }

    [Fact]
    public void Judge_ExpectError_PassesOnlyWithoutResponse()
    {
        var expected = new FtwOutput { ExpectError = true };

        Assert.True(FtwJudge.Judge(expected, RawHttpExchange.Failed("connection closed before a response (EOF)"), []).Passed);
        Assert.False(FtwJudge.Judge(expected, Ok(400), []).Passed);
    }

    [Fact]
    public void Judge_UnexpectedError_FailsWithTheError()
    {
        var verdict = FtwJudge.Judge(Expect(log: new() { ExpectIds = [1] }), RawHttpExchange.Failed("timed out"), Lines);

        Assert.False(verdict.Passed);
        Assert.Equal("no HTTP response: timed out", verdict.Actual);
    }

    [Fact]
    public void Judge_ResponseContains_RegexOverRawResponse()
    {
        Assert.True(FtwJudge.Judge(new FtwOutput { ResponseContains = "HTTP/1.1 20[0-9]" }, Ok(200), []).Passed);
        Assert.False(FtwJudge.Judge(new FtwOutput { ResponseContains = "Forbidden" }, Ok(200), []).Passed);
    }

    [Fact]
    public void Judge_Isolated_OnlyTheExpectedId()
    {
        var expected = new FtwOutput { Isolated = true, Log = new() { ExpectIds = [942100] } };

        Assert.False(FtwJudge.Judge(expected, Ok(200), Lines).Passed);
        Assert.True(FtwJudge.Judge(expected, Ok(200), [Lines[0]]).Passed);
    }

    private static FtwOutput Expect(List<int>? status = null, FtwLogExpectation? log = null) => new() { Status = status, Log = log };

    private static RawHttpExchange Ok(int status) =>
        new(new RawHttpResponse("HTTP/1.1", status, "X", [], [], System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\n\r\n")), null);
}
