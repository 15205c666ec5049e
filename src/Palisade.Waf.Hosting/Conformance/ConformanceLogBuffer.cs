namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// The error-log lines of one conformance host, in the order the engine wrote them, and how many of its requests are
/// still inside the pipeline. The runner waits for the host to go idle before reading, so that phase-5 lines of a
/// request are in the buffer before the next marker (go-ftw can only retry when that race bites, see retry_once).
/// </summary>
internal sealed class ConformanceLogBuffer
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];
    private int _active;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _lines.Count;
            }
        }
    }

    public void Add(string line)
    {
        lock (_lock)
        {
            _lines.Add(line);
        }
    }

    /// <summary>The lines from <paramref name="start"/> on.</summary>
    public IReadOnlyList<string> LinesFrom(int start)
    {
        lock (_lock)
        {
            return _lines.GetRange(Math.Min(start, _lines.Count), Math.Max(0, _lines.Count - start));
        }
    }

    /// <summary>Drops every line (between tests, to keep the buffer small).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _lines.Clear();
        }
    }

    public void RequestStarted()
    {
        lock (_lock)
        {
            _active++;
        }
    }

    public void RequestFinished()
    {
        lock (_lock)
        {
            if (--_active == 0)
            {
                _idle.TrySetResult();
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>Completes when no request is inside the pipeline, or after <paramref name="timeout"/> (false).</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task idle;
        lock (_lock)
        {
            if (_active == 0)
            {
                return true;
            }

            idle = _idle.Task;
        }

        try
        {
            await idle.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
