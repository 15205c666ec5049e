using Palisade.Waf.SecLang;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>Include resolves relative to the including file, expands wildcards in order, and refuses cycles.</summary>
public sealed class IncludeTests
{
    [Fact]
    public void ParseFile_RelativeIncludeAndWildcard_FilesReadInNameOrder()
    {
        var files = new InMemoryRuleFileSystem(
        [
            new("/etc/waf/main.conf", "Include rules/*.conf\nInclude extra/last.conf"),
            new("/etc/waf/rules/b.conf", "SecAction \"id:2,pass\""),
            new("/etc/waf/rules/a.conf", "SecAction \"id:1,pass\""),
            new("/etc/waf/rules/notes.txt", "not a rule file"),
            new("/etc/waf/rules/c.data.conf", "SecAction \"id:3,pass\""),
            new("/etc/waf/extra/last.conf", "Include ../more/d.conf"),
            new("/etc/waf/more/d.conf", "SecAction \"id:4,pass\""),
        ]);

        var configuration = new SecLangParser(files).LoadFile("/etc/waf/main.conf");

        Assert.Equal([1, 2, 3, 4], configuration.Rules.Select(r => r.Id!.Value));
        Assert.Equal(
            ["/etc/waf/main.conf", "/etc/waf/rules/a.conf", "/etc/waf/rules/b.conf", "/etc/waf/rules/c.data.conf", "/etc/waf/extra/last.conf", "/etc/waf/more/d.conf"],
            configuration.Files);
    }

    [Fact]
    public void ParseFile_IncludeCycle_ErrorShowsTheCycle()
    {
        var files = new InMemoryRuleFileSystem(
        [
            new("/w/main.conf", "Include a.conf"),
            new("/w/a.conf", "SecAction \"id:1,pass\"\nInclude b.conf"),
            new("/w/b.conf", "Include a.conf"),
        ]);

        var result = new SecLangParser(files).ParseFile("/w/main.conf");

        var error = Assert.Single(result.Errors);
        Assert.Equal(new SourceLocation("/w/b.conf", 1, 9), error.Location);
        Assert.Equal("Include cycle: /w/a.conf → /w/b.conf → /w/a.conf.", error.Message);
    }

    [Fact]
    public void ParseFile_IncludeItself_Error()
    {
        var files = new InMemoryRuleFileSystem([new("/w/main.conf", "Include main.conf")]);

        var error = Assert.Single(new SecLangParser(files).ParseFile("/w/main.conf").Errors);

        Assert.StartsWith("Include cycle:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_MissingIncludeAndEmptyWildcard_ErrorsButIncludeOptionalIsQuiet()
    {
        var files = new InMemoryRuleFileSystem(
        [
            new("/w/main.conf", "Include missing.conf\nInclude rules/*.conf\nIncludeOptional missing.conf\nIncludeOptional rules/*.conf\nIncludeOptional nodir/*.conf"),
            new("/w/rules/readme.txt", ""),
        ]);

        var result = new SecLangParser(files).ParseFile("/w/main.conf");

        Assert.Equal(
            ["1:9: Include: 'missing.conf' does not exist (resolved to /w/missing.conf).", "2:9: Include: no file matches 'rules/*.conf' (in /w/rules); use IncludeOptional when that is expected."],
            result.Errors.Select(e => $"{e.Location.Line}:{e.Location.Column}: {e.Message}"));
    }

    [Fact]
    public void ParseFile_WildcardInDirectory_ErrorNamesTheRule()
    {
        var files = new InMemoryRuleFileSystem([new("/w/main.conf", "Include */rules.conf")]);

        var error = Assert.Single(new SecLangParser(files).ParseFile("/w/main.conf").Errors);

        Assert.Contains("wildcards are accepted in the file name only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFile_PhysicalFilesWithDataFile_ResolvedNextToTheRuleFile()
    {
        var directory = Directory.CreateTempSubdirectory("palisade-seclang-");
        try
        {
            Directory.CreateDirectory(Path.Combine(directory.FullName, "rules"));
            File.WriteAllText(Path.Combine(directory.FullName, "main.conf"), "# main\nInclude rules/*.conf\n");
            File.WriteAllText(Path.Combine(directory.FullName, "rules", "10.conf"), "SecRule ARGS \"@pmFromFile words.data\" \"id:10,pass\"\n");
            File.WriteAllText(Path.Combine(directory.FullName, "rules", "words.data"), "attack\n");

            var configuration = new SecLangParser().LoadFile(Path.Combine(directory.FullName, "main.conf"));

            var rule = Assert.Single(configuration.Rules);
            Assert.Equal(Path.Combine(directory.FullName, "rules", "words.data"), Assert.Single(rule.Operator!.DataFiles));
            Assert.Equal(new SourceLocation(Path.Combine(directory.FullName, "rules", "10.conf"), 1, 1), rule.Location);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void ParseFile_FileMissing_ErrorForTheWholeFile()
    {
        var result = new SecLangParser(new InMemoryRuleFileSystem([])).ParseFile("/nowhere/main.conf");

        var error = Assert.Single(result.Errors);
        Assert.Equal(0, error.Location.Line);
        Assert.Equal("/nowhere/main.conf: Cannot read the rule file /nowhere/main.conf: it does not exist.", error.ToString());
    }

    [Fact]
    public void ParseFile_ChainSpanningAnIncludeBoundary_Error()
    {
        var files = new InMemoryRuleFileSystem(
        [
            new("/w/main.conf", "Include a.conf\nSecRule ARGS \"@rx b\" \"t:none\""),
            new("/w/a.conf", "SecRule ARGS \"@rx a\" \"id:1,deny,chain\""),
        ]);

        var result = new SecLangParser(files).ParseFile("/w/main.conf");

        Assert.Contains(result.Errors, e => e.Location == new SourceLocation("/w/a.conf", 1, 1) && e.Message.Contains("ends before the chained SecRule", StringComparison.Ordinal));
    }
}
