using System.Diagnostics;

namespace Palisade.EndToEnd.Tests.Tutorial;

/// <summary>
/// Measures how long after a command exited its effect could be seen: the observation is tried every
/// <see cref="PollInterval"/>, and the time of the first attempt that saw it (and whose confirmation held) is the
/// latency.
/// </summary>
/// <remarks>
/// An effect of "dropped" can only be seen as silence, so the observation uses a short probe (50 ms; on a veth a
/// handshake takes well under a millisecond) and a longer confirmation rules out a probe that merely ran late on a
/// busy machine. A failed confirmation does not end the measurement: polling goes on.
/// </remarks>
internal static class EffectTimer
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The latency, or null when the effect was not seen within <paramref name="giveUpAfter"/>.</summary>
    public static async Task<TimeSpan?> MeasureAsync(long since, Func<Task<bool>> observed, Func<Task<bool>>? confirmed, TimeSpan giveUpAfter)
    {
        while (true)
        {
            var attemptAt = Stopwatch.GetElapsedTime(since);
            if (await observed() && (confirmed is null || await confirmed()))
            {
                return attemptAt;
            }

            var now = Stopwatch.GetElapsedTime(since);
            if (now > giveUpAfter)
            {
                return null;
            }

            var wait = attemptAt + PollInterval - now;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
    }
}
