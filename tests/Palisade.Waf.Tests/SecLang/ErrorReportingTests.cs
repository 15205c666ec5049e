using Palisade.Waf.SecLang;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>Anything outside the supported language is an error at the exact place, naming it and what is accepted.</summary>
public sealed class ErrorReportingTests
{
    [Theory]
    [InlineData("SecRuleEngin On", 1, 1, "Unknown directive 'SecRuleEngin'. Did you mean 'SecRuleEngine'?")]
    [InlineData("SecRule ARG \"@rx a\" \"id:1,pass\"", 1, 9, "Unknown variable 'ARG'. Did you mean 'ARGS'?")]
    [InlineData("SecRule ARGS|REQUEST_HEADER:Host \"@rx a\" \"id:1,pass\"", 1, 14, "Unknown variable 'REQUEST_HEADER'. Did you mean 'REQUEST_HEADERS'?")]
    [InlineData("SecRule ARGS \"@rxx a\" \"id:1,pass\"", 1, 15, "Unknown operator '@rxx'. Did you mean '@rx'?")]
    [InlineData("SecRule ARGS \"!@verifyCC a\" \"id:1,pass\"", 1, 16, "Unknown operator '@verifyCC'.")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,pass,t:lowercas\"", 1, 35, "Unknown transformation 'lowercas'. Did you mean 'lowercase'?")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,pass,exec:/bin/sh\"", 1, 33, "Unknown action 'exec'.")]
    [InlineData("SecAction \"id:1,pass,ctl:ruleEngin=Off\"", 1, 26, "Unknown ctl kind 'ruleEngin'. Did you mean 'ruleEngine'?")]
    [InlineData("SecAction \"id:1,pass,msg:'%{tx.a} %{REQUEST_HEADER.host}'\"", 1, 37, "In macro %{REQUEST_HEADER.host}: Unknown variable 'REQUEST_HEADER'.")]
    public void Parse_UnknownName_ErrorAtItsPositionNamingItAndTheAcceptedOnes(string text, int line, int column, string message)
    {
        var error = SecLangText.SingleError(text);

        Assert.Equal(new SourceLocation(SecLangText.File, line, column), error.Location);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("Accepted: ", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{SecLangText.File}:{line}:{column}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SecRule ARGS \"@rx a\" \"phase:2,pass\"", 1, 1, "SecRule has no id")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:0,pass\"", 1, 26, "id must be a positive integer")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,phase:6\"", 1, 34, "phase must be 1, 2, 3, 4, 5")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,severity:8\"", 1, 37, "severity must be 0–7")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,status:44\"", 1, 35, "status must be an HTTP status code")]
    [InlineData("SecRule ARGS \"@eq abc\" \"id:1,pass\"", 1, 19, "@eq compares numbers")]
    [InlineData("SecRule ARGS \"@detectSQLi x\" \"id:1,pass\"", 1, 27, "@detectSQLi takes no argument")]
    [InlineData("SecRule ARGS \"@pm\" \"id:1,pass\"", 1, 15, "@pm needs an argument")]
    [InlineData("SecRule ARGS \"@validateByteRange 1-300\" \"id:1,pass\"", 1, 34, "@validateByteRange: '1-300' is not a byte value or range")]
    [InlineData("SecRule REQUEST_METHOD:x \"@rx a\" \"id:1,pass\"", 1, 24, "REQUEST_METHOD is not a collection")]
    [InlineData("SecRule ARGS:/abc \"@rx a\" \"id:1,pass\"", 1, 14, "The regex selector '/abc' has no closing '/'")]
    [InlineData("SecRule !&ARGS \"@rx a\" \"id:1,pass\"", 1, 9, "A variable takes either '&' (count) or '!' (exclusion), not both.")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,deny:now\"", 1, 28, "The action 'deny' takes no value")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,msg\"", 1, 28, "The action 'msg' needs a value")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,pass,\"", 1, 32, "The action list ends with ','")]
    [InlineData("SecRule ARGS \"@rx a\" \"id:1,setvar:args.x=1\"", 1, 35, "setvar cannot write to 'args'")]
    [InlineData("SecAction \"id:1,pass,ctl:ruleEngine=Maybe\"", 1, 37, "ctl:ruleEngine: 'Maybe' is not accepted; expected On, Off, DetectionOnly.")]
    [InlineData("SecAction \"id:1,pass,ctl:ruleRemoveTargetById=942100\"", 1, 47, "ctl:ruleRemoveTargetById needs RULES;TARGETS")]
    [InlineData("SecRule ARGS \"@rx a\"", 1, 1, "SecRule has no id")]
    [InlineData("SecRule ARGS", 1, 1, "SecRule takes VARIABLES OPERATOR [ACTIONS]")]
    [InlineData("SecRequestBodyAccess Yes", 1, 22, "SecRequestBodyAccess: 'Yes' is not accepted; expected On or Off.")]
    [InlineData("SecRequestBodyLimit -5", 1, 21, "SecRequestBodyLimit: '-5' is not accepted; expected a size in bytes")]
    [InlineData("SecArgumentSeparator &&", 1, 22, "SecArgumentSeparator: '&&' is not accepted; expected a single character")]
    [InlineData("SecRuleEngine On Off", 1, 1, "SecRuleEngine takes 1 argument, found 2.")]
    [InlineData("SecRuleRemoveById 942100-900000", 1, 19, "SecRuleRemoveById: '942100-900000' is not a rule id or id range")]
    [InlineData("SecRuleUpdateActionById 942100:2 \"pass\"", 1, 25, "SecRuleUpdateActionById: '942100:2' is not a rule id")]
    [InlineData("SecDefaultAction \"log,pass\"", 1, 1, "SecDefaultAction must name its phase")]
    [InlineData("SecDefaultAction \"phase:2,log,block\"", 1, 1, "SecDefaultAction must contain a disruptive action other than block")]
    [InlineData("SecDefaultAction \"phase:2,pass,id:5\"", 1, 32, "SecDefaultAction cannot contain 'id'")]
    public void Parse_InvalidValue_ErrorAtItsPositionSayingWhatIsAccepted(string text, int line, int column, string message)
    {
        var error = SecLangText.SingleError(text);

        Assert.Equal(new SourceLocation(SecLangText.File, line, column), error.Location);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateId_ErrorNamesTheFirstDefinition()
    {
        var error = SecLangText.SingleError("SecAction \"id:5,pass\"\n\nSecRule ARGS \"@rx a\" \"id:5,pass\"");

        Assert.Equal(new SourceLocation(SecLangText.File, 3, 1), error.Location);
        Assert.Equal($"Duplicate rule id 5: already used by the rule at {SecLangText.File}:1:1.", error.Message);
    }

    [Fact]
    public void Parse_StarterOnlyActionsOnChainedRule_OneErrorEach()
    {
        var result = SecLangText.Parse("SecRule ARGS \"@rx a\" \"id:1,phase:2,deny,chain\"\n  SecRule ARGS \"@rx b\" \"id:2,phase:1,pass,msg:'x',t:none,setvar:tx.a=1\"");

        Assert.Equal(
            ["2:25 'id'", "2:30 'phase'", "2:38 'pass'", "2:43 'msg'"],
            result.Errors.Select(e => $"{e.Location.Line}:{e.Location.Column} {e.Message.Split(' ')[0]}"));
        Assert.All(result.Errors, e => Assert.Contains("can only be given on the chain starter rule", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ChainFollowedByOtherDirective_ErrorAtTheStarter()
    {
        var error = SecLangText.SingleError("SecRule ARGS \"@rx a\" \"id:1,deny,chain\"\nSecMarker END");

        Assert.Equal(new SourceLocation(SecLangText.File, 1, 1), error.Location);
        Assert.Contains("the next directive is SecMarker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ChainOpenAtEndOfFile_Error()
    {
        var error = SecLangText.SingleError("SecAction \"id:1,pass\"\nSecRule ARGS \"@rx a\" \"id:2,deny,chain\"");

        Assert.Equal(new SourceLocation(SecLangText.File, 2, 1), error.Location);
        Assert.Contains("ends before the chained SecRule", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecondDefaultActionForAPhase_Error()
    {
        var error = SecLangText.SingleError("SecDefaultAction \"phase:2,log,pass\"\nSecDefaultAction \"phase:2,nolog,deny\"");

        Assert.Equal(new SourceLocation(SecLangText.File, 2, 1), error.Location);
        Assert.Contains($"already defined at {SecLangText.File}:1:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ManyProblems_EveryOneReportedInOrder()
    {
        var result = SecLangText.Parse("""
            SecRule ARGZ "@rx a" "id:1,pass"
            SecRule ARGS "@rx a" "id:2,pass,t:nothing"
            SecBogus x
            SecRule ARGS "@rx a" "phase:2,pass"
            SecRule ARGS "@rx a" "id:3,pass,t:none"
            SecRule ARGS "@rx a" "id:3,pass"
            """);

        Assert.Null(result.Configuration);
        Assert.Equal([1, 2, 3, 4, 6], result.Errors.Select(e => e.Location.Line));
        var exception = Assert.Throws<SecLangException>(result.GetConfigurationOrThrow);
        Assert.Equal(result.Errors, exception.Errors);
        Assert.Contains("5 errors", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OneBadLinkInsideChain_NoCascadeOfMissingIdErrors()
    {
        var result = SecLangText.Parse("SecRule ARGS \"@rx a\" \"id:1,deny,chain\"\n  SecRule ARGZ \"@rx b\" \"chain\"\n    SecRule ARGS \"@rx c\" \"t:none\"\nSecAction \"id:2,pass\"");

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Location.Line);
    }

    [Fact]
    public void Parse_MissingDataFile_ErrorWithTheResolvedPath()
    {
        var error = SecLangText.SingleError("SecRule ARGS \"@pmFromFile words.data\" \"id:1,pass\"");

        Assert.Equal(new SourceLocation(SecLangText.File, 1, 27), error.Location);
        Assert.Equal("@pmFromFile: data file 'words.data' not found (looked for /rules/words.data).", error.Message);
    }

    [Theory]
    [InlineData("SecRuleUpdateTargetById 10 \"!ARGS:x\"")]
    [InlineData("SecRuleUpdateActionById 10 \"deny\"")]
    [InlineData("SecRuleRemoveById 10")]
    public void Parse_ExclusionBeforeTheRuleItNames_ErrorSaysToMoveIt(string exclusion)
    {
        var error = SecLangText.SingleError($"{exclusion}\nSecRule ARGS \"@rx a\" \"id:10,pass\"");

        Assert.Equal(new SourceLocation(SecLangText.File, 1, 1), error.Location);
        Assert.Contains($"comes before rule 10 (defined at {SecLangText.File}:2:1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RemoveByIdRangeBeforeRules_NoError()
    {
        var result = SecLangText.Parse("SecRuleRemoveById 1-100\nSecAction \"id:10,pass\"");

        Assert.Empty(result.Errors);
    }
}
