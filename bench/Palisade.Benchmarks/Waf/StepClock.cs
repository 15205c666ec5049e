using System.Diagnostics;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// Wall time per <see cref="TransactionStep"/>, summed over many transactions: a lap ends the current step and
/// starts the next. Used only for the `--phases` breakdown, never in the timed runs, so its ~25 ns per lap does
/// not touch the headline figures.
/// </summary>
internal sealed class StepClock
{
    private readonly long[] _ticks = new long[Enum.GetValues<TransactionStep>().Length];
    private long _last;

    public int Transactions { get; private set; }

    public void Start() => _last = Stopwatch.GetTimestamp();

    public void Lap(TransactionStep finished)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[(int)finished] += now - _last;
        _last = now;
        if (finished == TransactionStep.End)
        {
            Transactions++;
        }
    }

    /// <summary>Mean microseconds per transaction spent in <paramref name="step"/>.</summary>
    public double MicrosecondsPerTransaction(TransactionStep step) =>
        Transactions == 0 ? double.NaN : _ticks[(int)step] * 1e6 / Stopwatch.Frequency / Transactions;
}
