namespace Palisade.Server.Application;

/// <summary>
/// Wakes every waiting desired-state poll when a change is committed. Waiters take <see cref="NextChange"/>
/// before they read the store, so a change committed between their read and their wait is never missed.
/// </summary>
internal sealed class ConfigurationChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next committed change.</summary>
    public Task NextChange => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
