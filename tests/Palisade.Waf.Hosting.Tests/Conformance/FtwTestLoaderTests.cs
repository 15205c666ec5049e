using Palisade.Waf.Hosting.Conformance;
using YamlDotNet.Core;

namespace Palisade.Waf.Hosting.Tests.Conformance;

public sealed class FtwTestLoaderTests
{
    [Fact]
    public void LoadDirectory_CrsV4RegressionTests_LoadsEvery5003TestWithoutError()
    {
        var loaded = FtwTestLoader.LoadDirectory(CrsLocation.V4RegressionTests);

        Assert.Empty(loaded.Errors);
        var tests = loaded.Tests.ToList();
        Assert.Equal(5003, tests.Count);

        // 322 files hold tests (321 *.yaml and REQUEST-999's 999999.yml); 920539.yaml holds only comments.
        Assert.Equal(322, loaded.Files.Count);
        Assert.Equal(tests.Count, tests.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
        var stages = tests.SelectMany(t => t.Stages).ToList();
        Assert.Equal(5009, stages.Count);
        Assert.Equal(3998, stages.Count(s => s.Output.Log?.ExpectIds is { Count: > 0 }));
        Assert.Equal(941, stages.Count(s => s.Output.Log?.NoExpectIds is { Count: > 0 }));
        Assert.Equal(29, stages.Count(s => s.Output.Status is { Count: > 0 }));
        Assert.Equal(10, stages.Count(s => s.Input.EncodedRequest is not null));
        Assert.Equal(19, stages.Count(s => s.Input.AutocompleteHeaders is not null));
    }

    [Fact]
    public void LoadDirectory_KnownTest_ReadsEveryField()
    {
        var test = FtwTestLoader.LoadDirectory(CrsLocation.V4RegressionTests).Tests.Single(t => t.Name == "920100-8");

        var stage = Assert.Single(test.Stages);
        Assert.Equal(920100, test.RuleId);
        Assert.Equal("GET", stage.Input.Method);
        Assert.Equal("/get/index.html:80?I=Like&Apples=Today#tag", stage.Input.Uri);
        Assert.Equal("HTTP/1.1", stage.Input.Version);
        Assert.Equal("localhost", stage.Input.Headers!["Host"]);
        Assert.Equal([400], stage.Output.Status!);
        Assert.StartsWith("The colon in the path is not allowed.", test.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StatusAsNumberOrAsList_BothRead()
    {
        var file = FtwTestLoader.Parse("""
            rule_id: 1
            tests:
              - test_id: 1
                stages:
                  - input: {uri: "/"}
                    output: {status: 403}
              - test_id: 2
                stages:
                  - input: {uri: "/"}
                    output: {status: [200, 404]}
            """, "status.yaml")!;

        Assert.Equal([403], file.Tests[0].Stages[0].Output.Status!);
        Assert.Equal([200, 404], file.Tests[1].Stages[0].Output.Status!);
    }

    [Fact]
    public void Parse_MisspeltKey_ErrorNamesKeyAndLine()
    {
        var yaml = """
            rule_id: 911100
            tests:
              - test_id: 1
                stages:
                  - input: {uri: "/"}
                    output:
                      log:
                        expect_id: 911100
            """;

        var error = Assert.ThrowsAny<YamlException>(() => FtwTestLoader.Parse(yaml, "typo.yaml"));

        Assert.Equal(8, error.Start.Line);
        Assert.Contains("expect_id", error.InnerException?.Message ?? error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsOnly_ReturnsNull()
    {
        Assert.Null(FtwTestLoader.Parse("# rule_id: 920540\n# tests: []\n", "920540.yaml"));
    }

    [Fact]
    public void Parse_NoRuleIdAndNoTestIds_RuleFromFileNameAndTestsByPosition()
    {
        var file = FtwTestLoader.Parse("""
            tests:
              - stages: [{input: {uri: "/a"}, output: {}}]
              - stages: [{input: {uri: "/b"}, output: {}}]
            """, "/tmp/tests/942100.yaml")!;

        Assert.Equal(["942100-1", "942100-2"], file.Tests.Select(t => t.Name));
    }

    [Fact]
    public void LoadDirectory_BrokenFile_ErrorWithFileLineAndColumn()
    {
        var directory = Directory.CreateTempSubdirectory("ftw-loader-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "1.yaml"), "rule_id: 1\ntests:\n  - test_id: one\n");

            var loaded = FtwTestLoader.LoadDirectory(directory.FullName);

            var error = Assert.Single(loaded.Errors);
            Assert.StartsWith(Path.Combine(directory.FullName, "1.yaml") + ":3:", error, StringComparison.Ordinal);
            Assert.Empty(loaded.Files);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
