using System.Globalization;
using System.Text.RegularExpressions;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// Judges a stage as go-ftw's checkResult does (runner/run.go and runner/check_*.go): an expected error passes
/// exactly when no response could be read; otherwise an error fails, then the status (any of the listed ones), then
/// response_contains (a regex over the raw response), then the log: match_regex and every expect_id present,
/// no_match_regex and no no_expect_id present, and with isolated, the expected id the only one. Ids are read from
/// the error-log lines as <c>[id "N"]</c>.
/// </summary>
internal static partial class FtwJudge
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    public static StageVerdict Judge(FtwOutput expected, RawHttpExchange exchange, IReadOnlyList<string> logLines)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(logLines);
        var ids = TriggeredIds(logLines);
        if (expected.ExpectError == true)
        {
            return exchange.Error is not null
                ? StageVerdict.Pass(ids)
                : StageVerdict.Fail("an error (no HTTP response)", $"status {exchange.Response!.StatusCode}", ids);
        }

        if (exchange.Error is not null)
        {
            return StageVerdict.Fail(Describe(expected), $"no HTTP response: {exchange.Error}", ids);
        }

        var response = exchange.Response!;
        if (expected.Status is { Count: > 0 } statuses && !statuses.Contains(response.StatusCode))
        {
            return StageVerdict.Fail($"status {string.Join(" or ", statuses)}", $"status {response.StatusCode}", ids);
        }

        if (!string.IsNullOrEmpty(expected.ResponseContains) && !Matches(expected.ResponseContains, response.RawText))
        {
            return StageVerdict.Fail($"response matching /{expected.ResponseContains}/", $"status {response.StatusCode}, response does not match", ids);
        }

        var log = expected.Log ?? new FtwLogExpectation();

        // go-ftw's postProcessLogContains: the deprecated keys stand in only when the new ones are absent.
        var matchRegex = !string.IsNullOrEmpty(log.MatchRegex) ? log.MatchRegex
            : log.ExpectIds is null ? expected.LogContains : null;
        var noMatchRegex = !string.IsNullOrEmpty(log.NoMatchRegex) ? log.NoMatchRegex
            : log.NoExpectIds is null ? expected.NoLogContains : null;
        var actual = $"status {response.StatusCode}, ids {FormatIds(ids)}";

        if (!string.IsNullOrEmpty(matchRegex) && !logLines.Any(line => Matches(matchRegex, line)))
        {
            return StageVerdict.Fail($"a log line matching /{matchRegex}/", actual + ", no log line matches", ids);
        }

        if (log.ExpectIds is { Count: > 0 } expectIds && expectIds.Where(id => !ids.Contains(id)).ToList() is { Count: > 0 } missing)
        {
            return StageVerdict.Fail($"ids {FormatIds(expectIds)}", actual + $" (missing {FormatIds(missing)})", ids);
        }

        if (expected.Isolated == true && ids.Count != 1)
        {
            return StageVerdict.Fail($"only id {FormatIds(log.ExpectIds ?? [])} (isolated)", actual, ids);
        }

        if (!string.IsNullOrEmpty(noMatchRegex) && logLines.FirstOrDefault(line => Matches(noMatchRegex, line)) is { } offending)
        {
            return StageVerdict.Fail($"no log line matching /{noMatchRegex}/", actual + $", matched: {Shorten(offending)}", ids);
        }

        if (log.NoExpectIds is { Count: > 0 } noExpectIds && noExpectIds.Where(ids.Contains).ToList() is { Count: > 0 } unexpected)
        {
            return StageVerdict.Fail($"none of ids {FormatIds(noExpectIds)}", actual + $" (unexpected {FormatIds(unexpected)})", ids);
        }

        return StageVerdict.Pass(ids);
    }

    /// <summary>The distinct rule ids in the lines, in order of first appearance.</summary>
    public static IReadOnlyList<int> TriggeredIds(IEnumerable<string> logLines)
    {
        var ids = new List<int>();
        foreach (var line in logLines)
        {
            foreach (Match match in IdField().Matches(line))
            {
                if (int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    public static string FormatIds(IEnumerable<int> ids) => "[" + string.Join(", ", ids) + "]";

    /// <summary>A one-line summary of what a stage expects, for failures that happen before any check.</summary>
    public static string Describe(FtwOutput expected)
    {
        var parts = new List<string>();
        if (expected.Status is { Count: > 0 } statuses)
        {
            parts.Add($"status {string.Join(" or ", statuses)}");
        }

        if (expected.Log?.ExpectIds is { Count: > 0 } expectIds)
        {
            parts.Add($"ids {FormatIds(expectIds)}");
        }

        if (expected.Log?.NoExpectIds is { Count: > 0 } noExpectIds)
        {
            parts.Add($"none of ids {FormatIds(noExpectIds)}");
        }

        if (!string.IsNullOrEmpty(expected.Log?.MatchRegex ?? expected.LogContains))
        {
            parts.Add($"log matching /{expected.Log?.MatchRegex ?? expected.LogContains}/");
        }

        if (!string.IsNullOrEmpty(expected.Log?.NoMatchRegex ?? expected.NoLogContains))
        {
            parts.Add($"no log matching /{expected.Log?.NoMatchRegex ?? expected.NoLogContains}/");
        }

        return parts.Count == 0 ? "a response" : string.Join("; ", parts);
    }

    /// <summary>go-ftw's patterns are RE2; the ones CRS uses (\d, \(, classes, alternation) mean the same in .NET.</summary>
    private static bool Matches(string pattern, string input)
    {
        try
        {
            return Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Shorten(string line) => line.Length <= 160 ? line : line[..160] + "…";

    [GeneratedRegex("""\[id "(\d+)"\]""")]
    private static partial Regex IdField();
}
