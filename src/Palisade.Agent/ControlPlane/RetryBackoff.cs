namespace Palisade.Agent.ControlPlane;

/// <summary>
/// Delays between attempts: doubling from <paramref name="initial"/> up to <paramref name="maximum"/>, each
/// stretched or shrunk by up to a fifth at random, so that agents cut off by the same outage do not all knock
/// again in the same second.
/// </summary>
internal sealed class RetryBackoff(TimeSpan initial, TimeSpan maximum, Random? random = null)
{
    private const double Jitter = 0.2;

    private readonly Random _random = random ?? Random.Shared;
    private int _failures;

    public int Failures => _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var delay = Math.Min(initial.TotalMilliseconds * Math.Pow(2, exponent), maximum.TotalMilliseconds);
        var factor = 1 + (((_random.NextDouble() * 2) - 1) * Jitter);
        return TimeSpan.FromMilliseconds(Math.Min(delay * factor, maximum.TotalMilliseconds));
    }

    public void Reset() => _failures = 0;
}
