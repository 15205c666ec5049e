using System.Text.Json;
using System.Text.RegularExpressions;

namespace Palisade.Cli.Tests;

/// <summary>
/// `palisade waf conformance` end to end in-process: CRS v4.28.0 loaded into the engine, a real Kestrel per
/// processor, the go-ftw tests of one rule. Each run loads all of CRS (a few seconds), so the runs are few and narrow.
/// </summary>
public sealed partial class WafConformanceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("palisade-waf-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Conformance_IncludeOneRule_ClosesWithTheCountLineAndExitsZero()
    {
        var run = await CliRun.RunAsync("waf", "conformance", "--crs", CrsLocation.V4Directory, "--include", "920100*");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var summary = CountLine().Match(lines[^1]);
        Assert.True(summary.Success, $"the last line is not 'N passed, M failed (…)': {run}");
        Assert.Equal("0", summary.Groups["failed"].Value);

        // Every test of the rule's file is either passed or overridden; none is lost or run twice.
        var testsInFile = File.ReadLines(Path.Combine(CrsLocation.V4RegressionTests, "REQUEST-920-PROTOCOL-ENFORCEMENT", "920100.yaml"))
            .Count(line => line.TrimStart().StartsWith("- test_id:", StringComparison.Ordinal));
        Assert.Equal(testsInFile, int.Parse(summary.Groups["passed"].Value) + int.Parse(summary.Groups["overridden"].Value));
        Assert.Contains($"loading CRS from {Path.GetFullPath(CrsLocation.V4Directory)}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conformance_FailureOutsideTheBaseline_ExitsOneWithTheFailureInValidJson()
    {
        // 920100-1 is a plain GET answered 200; an override that expects 418 makes it fail, and the empty baseline
        // does not list it.
        var overrides = Write("wrong-status.yaml", """
            version: "v0.0.0"
            meta:
              engine: "palisade"
              platform: "test"
            test_overrides:
              - rule_id: 920100
                test_ids: [1]
                reason: "expects a status no server sends for this request, to produce a failure"
                output:
                  status: 418
            """);
        var baseline = Write("empty-baseline.txt", "");

        var run = await CliRun.RunAsync("waf", "conformance", "--crs", CrsLocation.V4Directory, "--include", "920100-1",
            "--overrides", overrides, "--baseline", baseline, "--output", "json");

        Assert.True(run.ExitCode == ExitCodes.TestsFailed, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.False(root.GetProperty("Succeeded").GetBoolean());
        Assert.Equal(0, root.GetProperty("Passed").GetInt32());
        Assert.Equal(1, root.GetProperty("Failed").GetInt32());
        var failure = Assert.Single(root.GetProperty("Failures").EnumerateArray());
        Assert.Equal("920100-1", failure.GetProperty("TestId").GetString());
        Assert.Equal("status 418", failure.GetProperty("Expected").GetString());
        Assert.Equal("status 200", failure.GetProperty("Actual").GetString());
        Assert.True(failure.GetProperty("Overridden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, failure.GetProperty("BaselineReason").ValueKind);

        // With JSON on stdout the count line goes to stderr, last.
        var summary = root.GetProperty("Summary").GetString()!;
        Assert.StartsWith("0 passed, 1 failed", summary, StringComparison.Ordinal);
        Assert.Equal(summary, run.Stderr.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public async Task Conformance_CrsDirectoryMissing_ExitsTwoNamingThePath()
    {
        var run = await CliRun.RunAsync("waf", "conformance", "--crs", "/nonexistent");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("Error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'/nonexistent'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("rules/", run.Stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    [GeneratedRegex(@"^(?<passed>\d+) passed, (?<failed>\d+) failed \((?<overridden>\d+) overridden, (?<skipped>\d+) skipped\)$")]
    private static partial Regex CountLine();
}
