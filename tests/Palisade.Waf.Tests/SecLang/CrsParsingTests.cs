using System.Text.RegularExpressions;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;
using Xunit.Abstractions;

namespace Palisade.Waf.Tests.SecLang;

public sealed partial class CrsParsingTests(CrsV4Fixture crs, ITestOutputHelper output) : IClassFixture<CrsV4Fixture>
{
    [Fact]
    public void ParseFile_CrsV4WithSetupAndBaseConfiguration_NoErrors()
    {
        foreach (var error in crs.Result.Errors.Take(20))
        {
            output.WriteLine(error.ToString());
        }

        Assert.Empty(crs.Result.Errors);
        Assert.True(crs.Result.Succeeded);
        var configuration = crs.Configuration;
        // main.conf, crs-setup.conf.example and every rules/*.conf file, each once.
        var ruleFiles = Directory.GetFiles(CrsLocation.V4Rules, "*.conf");
        Assert.Equal(2 + ruleFiles.Length, configuration.Files.Count);
        Assert.Equal([1, 2, 3, 4, 5], configuration.DefaultActions.Keys.Order());
        Assert.All(configuration.DefaultActions.Values, d => Assert.Equal(DisruptiveAction.Pass, d.Disruptive));
        Assert.Equal(RuleEngineMode.DetectionOnly, configuration.Settings.RuleEngine);
    }

    [Fact]
    public void ParseFile_CrsV4RuleFiles_629RulesPlusTheirChainedSubRulesMatchEveryRuleDirective()
    {
        // The guide's 629 counts rules as units: a chain starter with its chained sub-rules is one rule.
        var result = new SecLangParser().ParseText($"Include {CrsLocation.V4Rules}/*.conf", "/virtual/main.conf");

        var configuration = result.GetConfigurationOrThrow();
        var directiveCount = Directory.GetFiles(CrsLocation.V4Rules, "*.conf")
            .Sum(file => RuleDirectiveLine().Count(File.ReadAllText(file)));
        var subRules = configuration.Rules.Sum(r => r.ChainedRules.Count);
        output.WriteLine($"{configuration.Rules.Count} rules, {subRules} chained sub-rules, {directiveCount} SecRule/SecAction directives");
        Assert.Equal(629, configuration.Rules.Count);
        Assert.Equal(directiveCount, configuration.Rules.Count + subRules);
        Assert.All(configuration.Rules, r => Assert.NotNull(r.Id));
        Assert.All(configuration.Rules.SelectMany(r => r.ChainedRules), sub => Assert.Null(sub.Id));
    }

    [Fact]
    public void ParseFile_CrsV4WithBaseConfiguration_CountsBaseAndSetupRulesOnTop()
    {
        var fromRuleFiles = crs.Configuration.Rules.Count(r => r.Location.File.StartsWith(CrsLocation.V4Rules, StringComparison.Ordinal));
        var fromSetup = crs.Configuration.Rules.Count(r => r.Location.File == CrsLocation.V4Setup);
        var fromBase = crs.Configuration.Rules.Count(r => r.Location.File == crs.MainFile);

        Assert.Equal(629, fromRuleFiles);
        Assert.Equal(1, fromSetup); // 900990, the setup version marker; every other setup rule is commented out.
        Assert.Equal(7, fromBase); // 200000-200005 and 200007 of the base configuration.
        Assert.Equal(fromRuleFiles + fromSetup + fromBase, crs.Configuration.Rules.Count);
    }

    [Theory]
    [InlineData("REQUEST-900-EXCLUSION-RULES-BEFORE-CRS.conf.example")]
    [InlineData("RESPONSE-999-EXCLUSION-RULES-AFTER-CRS.conf.example")]
    public void ParseFile_CrsV4ExclusionExampleFile_NoErrors(string fileName)
    {
        var result = new SecLangParser().ParseFile(Path.Combine(CrsLocation.V4Rules, fileName));

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void ResolveRulesAndMarkers_CrsV4_CommonExceptionsAfterExcludeCookiesFromEarlierRules()
    {
        // REQUEST-999-COMMON-EXCEPTIONS-AFTER.conf: SecRuleUpdateTargetById 942421 "!REQUEST_COOKIES:/^_ga(?:_\w+)?$/" and more.
        var asDefined = crs.Rule(942421);
        var resolved = crs.Configuration.ResolveRulesAndMarkers().OfType<RuleDefinition>().Single(r => r.Id == 942421);

        Assert.DoesNotContain(asDefined.Variables, v => v.IsExclusion);
        var exclusions = resolved.Variables.Where(v => v.IsExclusion).ToArray();
        Assert.Contains(exclusions, v => v is { Name: VariableName.RequestCookies, SelectorKind: VariableSelectorKind.Regex, Selector: @"^_ga(?:_\w+)?$" });
        Assert.Contains(exclusions, v => v is { Name: VariableName.RequestCookies, SelectorKind: VariableSelectorKind.Key, Selector: "__gads" });
        Assert.Equal(asDefined.Variables.Count + exclusions.Length, resolved.Variables.Count);
    }

    [Fact]
    public void ResolveRulesAndMarkers_CrsV4_KeepsEveryRuleAndMarkerInOrder()
    {
        var resolved = crs.Configuration.ResolveRulesAndMarkers();

        var expected = crs.Configuration.Items.Where(i => i is RuleDefinition or MarkerDefinition).Select(i => i.Location).ToArray();
        Assert.Equal(expected, resolved.Select(i => i.Location));
    }

    [DebianCrsFact]
    public void ParseFile_DebianCrs334LoadFile_NoErrors()
    {
        var result = new SecLangParser().ParseFile(CrsLocation.DebianLoadFile);
        foreach (var error in result.Errors.Take(20))
        {
            output.WriteLine(error.ToString());
        }

        Assert.Empty(result.Errors);
        var configuration = result.GetConfigurationOrThrow();
        var ruleFiles = Directory.GetFiles(Path.Combine(CrsLocation.DebianRulesDirectory, "rules"), "*.conf");
        var directiveCount = ruleFiles.Append("/etc/modsecurity/crs/crs-setup.conf")
            .Concat(Directory.GetFiles("/etc/modsecurity/crs", "*EXCLUSION-RULES*.conf"))
            .Sum(file => RuleDirectiveLine().Count(File.ReadAllText(file)));
        var subRules = configuration.Rules.Sum(r => r.ChainedRules.Count);
        output.WriteLine($"{configuration.Rules.Count} rules, {subRules} chained sub-rules, {configuration.Files.Count} files");
        Assert.Equal(directiveCount, configuration.Rules.Count + subRules);
        // 3.3.4 uses operators CRS v4 dropped; they must be in the supported list.
        var operators = configuration.Rules.SelectMany(r => r.ChainedRules.Prepend(r)).Select(r => r.Operator?.Name).ToHashSet();
        Assert.Contains(OperatorName.Rbl, operators);
        Assert.Contains(OperatorName.GeoLookup, operators);
    }

    // A SecRule or SecAction directive at the start of a (non-comment) line.
    [GeneratedRegex(@"^[ \t]*(?:SecRule|SecAction)\b", RegexOptions.Multiline)]
    private static partial Regex RuleDirectiveLine();
}
