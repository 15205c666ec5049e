using System.Text.Encodings.Web;
using System.Text.Json;
using Palisade.Waf.Hosting.Conformance;
using Spectre.Console;

namespace Palisade.Cli.Output;

/// <summary>How `waf conformance` prints its result: a table of failures and the closing count line, or JSON.</summary>
internal static class ConformanceReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteTable(IAnsiConsole console, ConformanceResult result)
    {
        foreach (var error in result.LoadErrors)
        {
            Tables.Line(console, "Cannot load test file: " + error);
        }

        if (result.Failures.Count > 0)
        {
            var table = Tables.Create("Test", "Expected", "Got", "Ids seen", "Known failure");
            foreach (var failure in result.Failures)
            {
                Tables.AddRow(
                    table,
                    failure.TestId + (failure.Overridden ? " (overridden)" : ""),
                    failure.Expected,
                    failure.Actual,
                    Tables.Join(failure.IdsSeen.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    failure.BaselineReason ?? "no: regression");
            }

            console.Write(table);
        }

        if (result.FixedBaselineEntries.Count > 0)
        {
            Tables.Line(console, "Passing now, remove from the baseline: " + string.Join(", ", result.FixedBaselineEntries));
        }

        var regressions = result.Regressions.Count();
        if (result.Failed > 0)
        {
            Tables.Line(console, regressions == 0
                ? "Every failure is a known one (in the baseline)."
                : $"{regressions} failure(s) not in the baseline.");
        }

        Tables.Line(console, result.Summary);
    }

    public static void WriteJson(TextWriter output, ConformanceResult result) =>
        JsonOutput.Write(output, JsonSerializer.SerializeToElement(new
        {
            result.Summary,
            result.Succeeded,
            result.Passed,
            result.Failed,
            result.Overridden,
            result.Skipped,
            DurationSeconds = Math.Round(result.Duration.TotalSeconds, 1),
            result.Failures,
            result.LoadErrors,
            result.FixedBaselineEntries,
        }, JsonOptions));
}
