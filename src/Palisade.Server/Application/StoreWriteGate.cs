namespace Palisade.Server.Application;

/// <summary>
/// Serialises writes within the process. Quota checks read then write (count the rules, then add some), and SQLite
/// has one writer anyway; one gate makes every check-then-write atomic without provider-specific locking.
/// </summary>
internal sealed class StoreWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
