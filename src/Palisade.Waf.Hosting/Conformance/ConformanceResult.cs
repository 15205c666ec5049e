namespace Palisade.Waf.Hosting.Conformance;

/// <summary>The outcome of a conformance run.</summary>
/// <param name="Passed">Tests that passed with their own expectations.</param>
/// <param name="Failed">Tests that failed, known or not (<see cref="Failures"/>).</param>
/// <param name="Overridden">Tests judged with an override's output (and passing), or not run because of one.</param>
/// <param name="Skipped">Tests the include/exclude globs left out.</param>
/// <param name="Failures">Every failure, in test order.</param>
/// <param name="LoadErrors">Test files that could not be read; each fails the run.</param>
/// <param name="FixedBaselineEntries">Baseline entries whose tests now pass: remove them from the baseline.</param>
/// <param name="Duration">Wall time of the run, CRS loading included.</param>
public sealed record ConformanceResult(
    int Passed,
    int Failed,
    int Overridden,
    int Skipped,
    IReadOnlyList<ConformanceFailure> Failures,
    IReadOnlyList<string> LoadErrors,
    IReadOnlyList<string> FixedBaselineEntries,
    TimeSpan Duration)
{
    /// <summary>Failures the baseline does not list.</summary>
    public IEnumerable<ConformanceFailure> Regressions => Failures.Where(f => !f.IsKnown);

    /// <summary>True when nothing failed outside the baseline and every test file loaded: the CI gate.</summary>
    public bool Succeeded => LoadErrors.Count == 0 && !Regressions.Any();

    /// <summary>"N passed, M failed" with overridden and skipped counts in parentheses when there are any.</summary>
    public string Summary
    {
        get
        {
            var extra = new List<string>();
            if (Overridden > 0)
            {
                extra.Add(FormattableString.Invariant($"{Overridden} overridden"));
            }

            if (Skipped > 0)
            {
                extra.Add(FormattableString.Invariant($"{Skipped} skipped"));
            }

            var counts = FormattableString.Invariant($"{Passed} passed, {Failed} failed");
            return extra.Count == 0 ? counts : $"{counts} ({string.Join(", ", extra)})";
        }
    }
}
