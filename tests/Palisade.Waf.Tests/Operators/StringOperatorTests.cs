using Palisade.Waf.SecLang.Model;
using static Palisade.Waf.Tests.Operators.OperatorTestSupport;

namespace Palisade.Waf.Tests.Operators;

public sealed class StringOperatorTests
{
    [Theory]
    [InlineData("POST", "POST", true)]
    [InlineData("POST", "post", false)]
    [InlineData("POST", "POST ", false)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    public void StrEq_Input_MatchesOnlyExactEquality(string argument, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.StrEq, argument, input));
    }

    [Theory]
    [InlineData(OperatorName.Contains, "select", "1 union select 2", true)]
    [InlineData(OperatorName.Contains, "select", "SELECT", false)]
    [InlineData(OperatorName.Contains, "", "anything", true)]
    [InlineData(OperatorName.Contains, "abc", "", false)]
    [InlineData(OperatorName.StrMatch, "WebZIP", "Mozilla WebZIP/4.0", true)]
    [InlineData(OperatorName.StrMatch, "WebZIP", "webzip", false)]
    public void Contains_Input_FindsArgumentCaseSensitively(OperatorName name, string argument, string input, bool expected)
    {
        Assert.Equal(expected, Matches(name, argument, input));
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "x abc y", true)]
    [InlineData("abc", "1abc2", true)]
    [InlineData("abc", "abc.def", true)]
    [InlineData("abc", "xabc", false)]
    [InlineData("abc", "abcx xabc abcd", false)]
    [InlineData("abc", "abcd abc", true)]
    [InlineData("abc", "", false)]
    [InlineData("", "", true)]
    public void ContainsWord_Input_NeedsNoLetterAroundTheArgument(string argument, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.ContainsWord, argument, input));
    }

    [Theory]
    [InlineData(OperatorName.BeginsWith, "/admin", "/admin/users", true)]
    [InlineData(OperatorName.BeginsWith, "/admin", "/ADMIN", false)]
    [InlineData(OperatorName.BeginsWith, "/admin", "/adm", false)]
    [InlineData(OperatorName.BeginsWith, "", "x", true)]
    [InlineData(OperatorName.EndsWith, ".php", "index.php", true)]
    [InlineData(OperatorName.EndsWith, ".php", "index.php.bak", false)]
    [InlineData(OperatorName.EndsWith, ".php", "php", false)]
    [InlineData(OperatorName.EndsWith, "", "", true)]
    public void BeginsOrEndsWith_Input_ComparesTheEnd(OperatorName name, string argument, string input, bool expected)
    {
        Assert.Equal(expected, Matches(name, argument, input));
    }

    [Theory]
    [InlineData("GET HEAD POST OPTIONS", "POST", true)]
    [InlineData("GET HEAD POST OPTIONS", "DELETE", false)]
    [InlineData("GET HEAD POST OPTIONS", "D P", true)]
    [InlineData("GET HEAD POST OPTIONS", "post", false)]
    [InlineData("GET HEAD POST OPTIONS", "", true)]
    [InlineData("", "GET", false)]
    public void Within_Input_MatchesWhenInputIsInsideArgument(string argument, string input, bool expected)
    {
        Assert.Equal(expected, Matches(OperatorName.Within, argument, input));
    }

    [Theory]
    [InlineData(OperatorName.UnconditionalMatch, true)]
    [InlineData(OperatorName.NoMatch, false)]
    public void ConstantOperator_AnyInput_GivesFixedAnswer(OperatorName name, bool expected)
    {
        Assert.Equal(expected, Matches(name, "", "whatever"));
        Assert.Equal(expected, Matches(name, "", ""));
    }
}
