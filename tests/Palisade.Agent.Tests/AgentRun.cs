namespace Palisade.Agent.Tests;

/// <summary>AgentHost.RunAsync running in the test process until disposed, as `palisade agent` runs it.</summary>
internal sealed class AgentRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private AgentRun(AgentOptions options)
    {
        Logs = new LogCollector();
        Options = options with { LoggerFactory = Logs.CreateFactory() };
        Completion = Task.Run(() => AgentHost.RunAsync(Options, _stop.Token));
    }

    public AgentOptions Options { get; }

    public LogCollector Logs { get; }

    public Task<int> Completion { get; }

    public static AgentRun Start(AgentOptions options) => new(options);

    /// <summary>Stops the agent and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Completion.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        if (!Completion.IsCompleted)
        {
            await StopAsync();
        }

        Options.LoggerFactory?.Dispose();
        _stop.Dispose();
    }
}
