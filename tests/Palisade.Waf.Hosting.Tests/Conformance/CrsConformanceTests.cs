using Palisade.Waf.Hosting.Conformance;
using Xunit.Abstractions;

namespace Palisade.Waf.Hosting.Tests.Conformance;

/// <summary>
/// The CI regression gate: every CRS v4.28.0 go-ftw test through the WAF middleware on real Kestrel hosts, judged
/// as go-ftw judges them, with the Kestrel overrides and the known-failures baseline shipped in the assembly.
/// </summary>
public sealed class CrsConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_WholeCrsSuite_NoFailureOutsideBaseline()
    {
        var result = await ConformanceRunner.RunAsync(new ConformanceRunOptions { CrsDirectory = CrsLocation.V4Directory });

        output.WriteLine($"{result.Summary} in {result.Duration.TotalSeconds:0} s");
        foreach (var failure in result.Failures)
        {
            output.WriteLine($"{failure.TestId}: expected {failure.Expected}; got {failure.Actual}{(failure.IsKnown ? " (known)" : "")}");
        }

        Assert.Empty(result.LoadErrors);
        Assert.True(
            result.Succeeded,
            "Failures outside the baseline:\n" + string.Join('\n', result.Regressions.Select(f => $"{f.TestId}: expected {f.Expected}; got {f.Actual}")));
        Assert.Equal(5003, result.Passed + result.Failed + result.Overridden);
        Assert.InRange(result.Overridden, 0, 30);
        Assert.True(result.Passed >= 0.99 * 5003, $"only {result.Passed} of 5003 tests pass");
    }

    [Fact]
    public async Task RunAsync_IncludeGlob_RunsOnlyThoseTestsAndCountsTheRestSkipped()
    {
        var result = await ConformanceRunner.RunAsync(new ConformanceRunOptions
        {
            CrsDirectory = CrsLocation.V4Directory,
            Include = ["911100"],
            Exclude = ["911100-5"],
            Parallelism = 1,
        });

        Assert.Equal((7, 0, 0, 4996), (result.Passed, result.Failed, result.Overridden, result.Skipped));
    }

    [Fact]
    public async Task RunAsync_FailingTestOutsideBaseline_ReportedAsRegression()
    {
        var tests = Directory.CreateTempSubdirectory("ftw-regression-");
        try
        {
            // 942100 must not fire on a plain request; claiming it does makes a failure the baseline does not list.
            await File.WriteAllTextAsync(Path.Combine(tests.FullName, "942100.yaml"), """
                rule_id: 942100
                tests:
                  - test_id: 1
                    stages:
                      - input: {headers: {Host: localhost, User-Agent: "OWASP CRS test agent", Accept: "*/*"}, uri: "/?q=hello"}
                        output: {status: 200, log: {expect_ids: [942100]}}
                  - test_id: 2
                    stages:
                      - input: {headers: {Host: localhost, User-Agent: "OWASP CRS test agent", Accept: "*/*"}, uri: "/?q=1'%20or%20'1'='1"}
                        output: {log: {expect_ids: [942100]}}
                """);

            var result = await ConformanceRunner.RunAsync(new ConformanceRunOptions
            {
                CrsDirectory = CrsLocation.V4Directory,
                TestsDirectory = tests.FullName,
                Parallelism = 1,
            });

            var failure = Assert.Single(result.Failures);
            Assert.Equal(("942100-1", 1), (failure.TestId, result.Passed));
            Assert.Equal("ids [942100]", failure.Expected);
            Assert.StartsWith("status 200, ids [", failure.Actual, StringComparison.Ordinal);
            Assert.False(failure.IsKnown);
            Assert.False(result.Succeeded);
        }
        finally
        {
            tests.Delete(recursive: true);
        }
    }
}
