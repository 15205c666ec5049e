namespace Palisade.Agent.Tests;

/// <summary>Polls a condition of the real system until it holds or a deadline passes; returns how long it took.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan within, string what, Func<string>? diagnostics = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return started.Elapsed;
            }

            if (started.Elapsed > within)
            {
                Assert.Fail($"{what} did not happen within {within.TotalSeconds} s.{(diagnostics is null ? "" : Environment.NewLine + diagnostics())}");
            }

            await Task.Delay(20);
        }
    }

    public static Task<TimeSpan> HoldsAsync(Func<bool> condition, TimeSpan within, string what, Func<string>? diagnostics = null) =>
        HoldsAsync(() => Task.FromResult(condition()), within, what, diagnostics);
}
