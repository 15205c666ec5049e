namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Target selection as the reference manual's ARGS section describes it: ":name" picks members by name, "/regex/" by
/// a pattern on the name, "!" excludes members, "&amp;" counts them, and "Matching in the selection operator (both
/// string and regular expression forms) is performed in a case-insensitive manner".
/// </summary>
public sealed class SelectorTests
{
    private static readonly EngineExchange Query = EngineExchange.Get("/?id_user=1&ID_admin=2&token=evil&name=evil&Password=evil");

    [Fact]
    public void KeySelector_DifferentCase_SelectsTheMember()
    {
        const string Rules = """
            SecRule ARGS:password "@streq evil" "id:1,phase:1,pass,log,logdata:'%{MATCHED_VAR_NAME}'"
            SecRule ARGS:PASSWORD "@streq evil" "id:2,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, Query);

        Assert.Equal([1, 2], transaction.MatchedIds());
        Assert.Equal("ARGS:Password", transaction.DataOf(1));
    }

    [Fact]
    public void KeySelector_MissingMember_OperatorNeverInvoked()
    {
        // "Using ARGS:p will not result in any invocations against the operator if argument p does not exist" —
        // so even a negated operator does not match.
        const string Rules = """
            SecRule ARGS:absent "!@streq anything" "id:1,phase:1,pass,nolog"
            SecRule REQUEST_HEADERS:X-Absent "!@rx ." "id:2,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, Query);

        Assert.Empty(transaction.MatchedIds());
    }

    [Fact]
    public void RegexSelector_CaseInsensitive_SelectsEveryMatchingName()
    {
        const string Rules = """
            SecRule &ARGS:/^id_/ "@eq 2" "id:1,phase:1,pass,nolog"
            SecRule ARGS:/^ID_A/ "@eq 2" "id:2,phase:1,pass,nolog"
            SecRule ARGS_NAMES:/^id_/ "@streq ID_admin" "id:3,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, Query);

        Assert.Equal([1, 2, 3], transaction.MatchedIds());
    }

    [Fact]
    public void Exclusion_ByNameAndByRegex_ExcludedMembersNeverMatch()
    {
        const string Rules = """
            SecRule ARGS|!ARGS:TOKEN|!ARGS:/^pass/ "@streq evil" "id:1,phase:1,pass,log,logdata:'%{MATCHED_VARS_NAMES}'"
            SecRule ARGS|!ARGS:token|!ARGS:name|!ARGS:password "@streq evil" "id:3,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, Query);

        Assert.Equal([1], transaction.MatchedIds());
        Assert.Equal("ARGS:name", transaction.DataOf(1));
    }

    [Fact]
    public void Count_CollectionsAndSelectors_NumberOfMembers()
    {
        const string Rules = """
            SecRule &ARGS "@eq 5" "id:1,phase:1,pass,nolog"
            SecRule &ARGS:name "@eq 1" "id:2,phase:1,pass,nolog"
            SecRule &ARGS:absent "@eq 0" "id:3,phase:1,pass,nolog"
            SecRule &REQUEST_HEADERS:Host "@eq 1" "id:4,phase:1,pass,nolog"
            SecRule &REQUEST_COOKIES "@eq 0" "id:5,phase:1,pass,nolog"
            SecRule &TX:anything "@eq 0" "id:6,phase:1,pass,nolog"
            """;

        using var transaction = InlineEngine.Run(Rules, Query);

        Assert.Equal([1, 2, 3, 4, 5, 6], transaction.MatchedIds());
    }

    [Fact]
    public void SeveralTargets_OneRule_EachTargetTestedInOrder()
    {
        const string Rules = """
            SecRule REQUEST_HEADERS:User-Agent|ARGS:name|REQUEST_FILENAME "@contains evil" "id:1,phase:1,pass,log,logdata:'%{MATCHED_VAR_NAME}'"
            """;

        using var transaction = InlineEngine.Run(Rules, Query.WithHeader("User-Agent", "evil-bot") with { Target = "/evil/?name=evil" });

        Assert.Equal("REQUEST_FILENAME", transaction.DataOf(1));
    }
}
