using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.SecLang.Parsing;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>docs/waf-seclang.md lists every accepted name, so the page cannot drift from the catalogs.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void WafSecLangPage_NamesEveryAcceptedWord()
    {
        var page = File.ReadAllText(PagePath());
        var words = Regex.Split(page.Replace("\\*", "", StringComparison.Ordinal), @"[^A-Za-z0-9_@]+").ToHashSet(StringComparer.Ordinal);

        var accepted = DirectiveCatalog.AllNames
            .Concat(VariableCatalog.AllNames)
            .Concat(OperatorCatalog.AllNames)
            .Concat(TransformationCatalog.AllNames)
            .Concat(ActionCatalog.AllNames)
            .Concat(ControlCatalog.AllNames);
        var missing = accepted.Where(name => !words.Contains(name)).ToArray();
        Assert.True(missing.Length == 0, $"docs/waf-seclang.md does not mention: {string.Join(", ", missing)}");
    }

    private static string PagePath([CallerFilePath] string sourceFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "..", "docs", "waf-seclang.md"));
}
