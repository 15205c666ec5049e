using Palisade.Agent.ControlPlane;

namespace Palisade.Agent.Tests;

public sealed class RetryBackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_DoublesWithinJitterUpToTheMaximum()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalSeconds).ToArray();

        double[] nominal = [1, 2, 4, 8, 16, 30, 30, 30];
        for (var i = 0; i < delays.Length; i++)
        {
            Assert.InRange(delays[i], nominal[i] * 0.8, Math.Min(nominal[i] * 1.2, 30));
        }
    }

    [Fact]
    public void Reset_AfterFailures_StartsAgainFromTheFirstDelay()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), new Random(7));
        for (var i = 0; i < 6; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalSeconds, 0.8, 1.2);
    }
}
