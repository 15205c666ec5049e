using Microsoft.EntityFrameworkCore;
using Palisade.Server.Persistence;

namespace Palisade.Server.Application;

/// <summary>
/// Runs a change as one transaction behind the write gate: either all of it is stored, with the configuration
/// revision bumped when the change can alter an instance's policy, or nothing is. Waiting agents are woken only
/// after the commit.
/// </summary>
internal sealed class ConfigurationStore(PalisadeDbContext db, StoreWriteGate gate, ConfigurationChangeSignal signal)
{
    public PalisadeDbContext Db => db;

    public Task<long> CurrentRevisionAsync(CancellationToken cancellationToken) =>
        db.ConfigurationState.AsNoTracking().Select(s => s.Revision).SingleAsync(cancellationToken);

    /// <summary>Runs <paramref name="change"/>; the revision it may use for ordering is passed in.</summary>
    public async Task<T> ChangePolicyAsync<T>(Func<long, Task<T>> change, CancellationToken cancellationToken) =>
        await RunAsync(change, bumpRevision: true, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a change that no instance's policy depends on (tokens, users, agent reports).</summary>
    public async Task<T> ChangeAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken) =>
        await RunAsync(_ => change(), bumpRevision: false, cancellationToken).ConfigureAwait(false);

    private async Task<T> RunAsync<T>(Func<long, Task<T>> change, bool bumpRevision, CancellationToken cancellationToken)
    {
        using var entered = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var state = await db.ConfigurationState.SingleAsync(cancellationToken).ConfigureAwait(false);
            var result = await change(state.Revision + 1).ConfigureAwait(false);
            if (bumpRevision)
            {
                state.Revision++;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (bumpRevision)
            {
                signal.Notify();
            }

            return result;
        }
        finally
        {
            // After a failure the tracked entities hold changes that were never stored; after success they are
            // stale for the next change of this scope. Either way, start clean.
            db.ChangeTracker.Clear();
        }
    }
}
