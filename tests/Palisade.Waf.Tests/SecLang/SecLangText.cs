using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>Parses configuration text written in a test, as the file /rules/test.conf.</summary>
internal static class SecLangText
{
    public const string File = "/rules/test.conf";

    public static SecLangParseResult Parse(string text, IRuleFileSystem? fileSystem = null) =>
        new SecLangParser(fileSystem ?? new InMemoryRuleFileSystem([])).ParseText(text, File);

    public static SecLangConfiguration Load(string text, IRuleFileSystem? fileSystem = null) => Parse(text, fileSystem).GetConfigurationOrThrow();

    public static RuleDefinition Rule(string text) => Assert.Single(Load(text).Rules);

    /// <summary>The single error, as "line:column: message".</summary>
    public static SecLangError SingleError(string text, IRuleFileSystem? fileSystem = null)
    {
        var result = Parse(text, fileSystem);
        Assert.Null(result.Configuration);
        return Assert.Single(result.Errors);
    }
}
