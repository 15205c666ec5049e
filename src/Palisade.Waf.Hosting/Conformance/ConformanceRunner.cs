using System.Diagnostics;
using System.Text;
using Palisade.Waf.Engine;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// Runs CRS's go-ftw regression tests against real in-process Kestrel hosts with the WAF in front of the echo
/// backend, the way go-ftw runs them against a web server: for every stage, a marker request with a fresh
/// X-CRS-Test id, the stage's request, and a second marker; the error-log lines between the two marker lines are the
/// stage's, and <see cref="FtwJudge"/> judges them with the response. Tests are spread over several hosts that share
/// one compiled engine; each host runs its tests one after another, so its log is never interleaved.
/// </summary>
public static class ConformanceRunner
{
    /// <summary>How long the runner waits for a host to finish a request (phase 5 included) before reading its log.</summary>
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the selected tests; <paramref name="progress"/> is called after each test, one call at a time.</summary>
    /// <exception cref="WafConfigurationException">CRS does not load.</exception>
    /// <exception cref="DirectoryNotFoundException">The CRS directory has no rules/ folder.</exception>
    /// <exception cref="InvalidDataException">The overrides or baseline file is malformed.</exception>
    /// <exception cref="IOException">The overrides or baseline file cannot be read.</exception>
    public static async Task<ConformanceResult> RunAsync(ConformanceRunOptions options, Action<ConformanceProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        var overrides = options.OverridesFile is null
            ? FtwOverrides.Parse(ConformanceResources.Read(ConformanceResources.Overrides), "(embedded) " + ConformanceResources.Overrides)
            : FtwOverrides.Load(options.OverridesFile);
        var baseline = options.BaselineFile is null
            ? ConformanceBaseline.Parse(ConformanceResources.Read(ConformanceResources.Baseline), "(embedded) " + ConformanceResources.Baseline)
            : ConformanceBaseline.Load(options.BaselineFile);
        var loaded = FtwTestLoader.LoadDirectory(options.TestsDirectory ?? Path.Combine(options.CrsDirectory, "tests", "regression", "tests"));
        var selection = new TestSelection(options.Include, options.Exclude);
        var allTests = loaded.Tests.ToList();
        var selected = allTests.Where(selection.Selects).ToList();
        var engine = ConformanceConfiguration.Load(options.CrsDirectory, new ConformanceLog());

        var outcomes = new TestOutcome[selected.Count];
        var tracker = new ProgressTracker(selected.Count, progress);
        var parallelism = Math.Min(options.Parallelism > 0 ? options.Parallelism : Math.Max(2, Environment.ProcessorCount), Math.Max(1, selected.Count));
        var hosts = new List<ConformanceHost>();
        try
        {
            for (var i = 0; i < parallelism; i++)
            {
                hosts.Add(await ConformanceHost.StartAsync(engine, cancellationToken).ConfigureAwait(false));
            }

            var next = -1;
            await Task.WhenAll(hosts.Select(host => Task.Run(
                async () =>
                {
                    int index;
                    while ((index = Interlocked.Increment(ref next)) < selected.Count)
                    {
                        var outcome = await RunTestAsync(host, selected[index], overrides, options, cancellationToken).ConfigureAwait(false);
                        outcomes[index] = outcome;
                        tracker.Report(selected[index].Name, outcome.Kind);
                    }
                },
                cancellationToken))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }

        var failures = new List<ConformanceFailure>();
        var fixedEntries = new List<string>();
        for (var i = 0; i < selected.Count; i++)
        {
            var test = selected[i];
            var outcome = outcomes[i];
            var known = baseline.TryGetReason(test.Name, out var reason);
            if (outcome.Kind == OutcomeKind.Failed)
            {
                var verdict = outcome.Verdict!;
                failures.Add(new ConformanceFailure(test.Name, test.RuleId, verdict.Expected, verdict.Actual, verdict.IdsSeen, test.Description?.Trim(), known ? reason : null, outcome.Overridden));
            }
            else if (known)
            {
                fixedEntries.Add(test.Name);
            }
        }

        return new ConformanceResult(
            outcomes.Count(o => o.Kind == OutcomeKind.Passed),
            failures.Count,
            outcomes.Count(o => o.Kind == OutcomeKind.Overridden),
            allTests.Count - selected.Count,
            failures,
            loaded.Errors,
            fixedEntries,
            Stopwatch.GetElapsedTime(started));
    }

    private static async Task<TestOutcome> RunTestAsync(ConformanceHost host, FtwTest test, FtwOverrides overrides, ConformanceRunOptions options, CancellationToken cancellationToken)
    {
        var entry = overrides.Find(test.Name);
        if (entry is { Output: null })
        {
            return new TestOutcome(OutcomeKind.Overridden, null, true);
        }

        for (var index = 0; index < test.Stages.Count; index++)
        {
            var stage = test.Stages[index];
            var expected = entry is not null && entry.AppliesTo(index) ? entry.Output! : stage.Output;
            var verdict = await RunStageAsync(host, stage.Input, expected, options, cancellationToken).ConfigureAwait(false);
            if (!verdict.Passed && expected.RetryOnce == true)
            {
                verdict = await RunStageAsync(host, stage.Input, expected, options, cancellationToken).ConfigureAwait(false);
            }

            if (!verdict.Passed)
            {
                var prefix = test.Stages.Count > 1 ? FormattableString.Invariant($"stage {index + 1}: ") : "";
                return new TestOutcome(OutcomeKind.Failed, verdict with { Expected = prefix + verdict.Expected }, entry is not null);
            }
        }

        return new TestOutcome(entry is null ? OutcomeKind.Passed : OutcomeKind.Overridden, null, entry is not null);
    }

    private static async Task<StageVerdict> RunStageAsync(ConformanceHost host, FtwInput input, FtwOutput expected, ConformanceRunOptions options, CancellationToken cancellationToken)
    {
        byte[] request;
        try
        {
            request = FtwRequestBuilder.Build(input);
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException)
        {
            return StageVerdict.Fail(FtwJudge.Describe(expected), "the test could not be run: " + ex.Message, []);
        }

        var stageId = Guid.NewGuid().ToString();
        // go-ftw's virtual_host_mode sends the markers to the test's own Host, so that they reach the same site.
        var markerHost = input.VirtualHostMode == true
            && input.Headers?.FirstOrDefault(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value is { } virtualHost ? virtualHost : "localhost";
        var start = await MarkAsync(host, stageId + "-s", markerHost, options, cancellationToken).ConfigureAwait(false);
        var exchange = await RawHttpClient.SendAsync(host.Endpoint, request, IsHead(request), options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        await host.Log.WaitIdleAsync(IdleTimeout, cancellationToken).ConfigureAwait(false);
        var end = await MarkAsync(host, stageId + "-e", markerHost, options, cancellationToken).ConfigureAwait(false);
        if (start < 0 || end < 0)
        {
            host.Log.Clear();
            return StageVerdict.Fail(FtwJudge.Describe(expected), $"the log marker line of the {(start < 0 ? "start" : "end")} marker request was not found", []);
        }

        var lines = host.Log.LinesFrom(start + 1).Take(end - start - 1).ToList();
        host.Log.Clear();
        try
        {
            return FtwJudge.Judge(expected, exchange, lines);
        }
        catch (ArgumentException ex)
        {
            return StageVerdict.Fail(FtwJudge.Describe(expected), "the test's regular expression is invalid: " + ex.Message, FtwJudge.TriggeredIds(lines));
        }
    }

    /// <summary>Sends a marker request and returns the index of its log line, or -1 when it did not appear.</summary>
    private static async Task<int> MarkAsync(ConformanceHost host, string markerId, string hostHeader, ConformanceRunOptions options, CancellationToken cancellationToken)
    {
        var from = host.Log.Count;
        var request = FtwRequestBuilder.BuildMarker(ConformanceConfiguration.MarkerHeader, markerId, hostHeader);
        await RawHttpClient.SendAsync(host.Endpoint, request, noBody: false, options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        await host.Log.WaitIdleAsync(IdleTimeout, cancellationToken).ConfigureAwait(false);
        var lines = host.Log.LinesFrom(from);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains(markerId, StringComparison.Ordinal))
            {
                return from + i;
            }
        }

        return -1;
    }

    /// <summary>Whether the request line's method is HEAD, whose response has no body.</summary>
    private static bool IsHead(byte[] request)
    {
        var text = Encoding.Latin1.GetString(request, 0, Math.Min(request.Length, 16)).TrimStart();
        return text.StartsWith("HEAD ", StringComparison.Ordinal);
    }

    private enum OutcomeKind
    {
        Passed,
        Failed,
        Overridden,
    }

    private sealed record TestOutcome(OutcomeKind Kind, StageVerdict? Verdict, bool Overridden);

    /// <summary>Counts finished tests and calls the progress callback under a lock, so calls never overlap.</summary>
    private sealed class ProgressTracker(int total, Action<ConformanceProgress>? callback)
    {
        private readonly Lock _lock = new();
        private int _completed;
        private int _passed;
        private int _failed;

        public void Report(string testId, OutcomeKind kind)
        {
            lock (_lock)
            {
                _completed++;
                _passed += kind == OutcomeKind.Passed ? 1 : 0;
                _failed += kind == OutcomeKind.Failed ? 1 : 0;
                callback?.Invoke(new ConformanceProgress(_completed, total, _passed, _failed, testId));
            }
        }
    }
}
