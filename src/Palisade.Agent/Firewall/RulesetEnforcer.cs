using Microsoft.Extensions.Logging;
using Palisade.Agent.State;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Nftables;

namespace Palisade.Agent.Firewall;

/// <summary>
/// Keeps the kernel's table equal to the last good desired state: compiles, replaces the table atomically, carries
/// the rule counters over each replacement, and records it all in the state directory. A failed apply changes
/// nothing: the old ruleset, its counters and the saved state stay as they were.
/// </summary>
/// <remarks><paramref name="compile"/> is the nftables compiler; tests may wrap it to hand nft a script it rejects.</remarks>
internal sealed class RulesetEnforcer(
    NftFirewall firewall, StateStore store, TimeProvider time, ILogger logger, Func<EffectivePolicy, NftCompileOptions, NftRuleset>? compile = null)
    : IDisposable
{
    /// <summary>The live counters are written to disk at most this often (they only matter after a reboot).</summary>
    public static readonly TimeSpan LiveCountersSaveInterval = TimeSpan.FromMinutes(1);

    private readonly Func<EffectivePolicy, NftCompileOptions, NftRuleset> _compile = compile ?? NftablesCompiler.Compile;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CounterTotals _carried = CounterTotals.Empty;
    private CounterTotals _lastLive = CounterTotals.Empty;
    private CounterTotals _savedLive = CounterTotals.Empty;
    private DateTimeOffset _liveSavedAt = DateTimeOffset.MinValue;
    private bool _countersReadable = true;

    /// <summary>What the kernel enforces, as far as the agent knows; null before the first apply.</summary>
    public AppliedState? Current { get; private set; }

    /// <summary>The error of the last failed apply; null once an apply succeeds.</summary>
    public string? LastError { get; private set; }

    /// <summary>
    /// Loads the state directory. When the kernel has no table (after a reboot) but a last good ruleset is on disk,
    /// loads it at once, so the instance is protected before the server is even asked; an existing table is left alone.
    /// </summary>
    public async Task<StartupAction> InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            store.Prepare();
            Current = store.LoadApplied();
            var counters = store.LoadCounters();
            _carried = CounterTotals.From(counters.Carried);
            _lastLive = _savedLive = CounterTotals.From(counters.Live);
            var exists = await firewall.TableExistsAsync(cancellationToken).ConfigureAwait(false);
            if (Current is null)
            {
                return StartupAction.NothingSaved;
            }

            if (exists is null)
            {
                AgentLog.NftUnavailable(logger, firewall.TableName);
                return StartupAction.NftUnavailable;
            }

            if (exists.Value)
            {
                AgentLog.KeptExistingTable(logger, firewall.TableName, Current.Revision, Current.Digest);
                return StartupAction.KeptExistingTable;
            }

            var result = await firewall.ApplyAsync(Current.Script, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                LastError = result.ErrorText;
                AgentLog.ReapplyFailed(logger, firewall.TableName, LastError);
                return StartupAction.ReapplyFailed;
            }

            // The table went away with the kernel's counters; the last reading of them is the best we have.
            _carried = _carried.Add(_lastLive);
            _lastLive = CounterTotals.Empty;
            SaveCounters(force: true);
            AgentLog.ReappliedLastGood(logger, firewall.TableName, Current.Revision, Current.Digest);
            return StartupAction.ReappliedLastGood;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Compiles <paramref name="desired"/> with <paramref name="allowance"/> and replaces the table with it.</summary>
    public async Task<ApplyOutcome> ApplyAsync(DesiredState desired, ManagementAllowance allowance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(allowance);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = time.GetTimestamp();
            if (Current is { } current && current.Digest == desired.Digest && current.InstanceId == desired.InstanceId
                && AllowanceText.Of(current.Allowance) == AllowanceText.Of(allowance)
                && await firewall.TableExistsAsync(cancellationToken).ConfigureAwait(false) == true)
            {
                if (current.Revision != desired.Revision)
                {
                    Current = current with { Revision = desired.Revision };
                    TrySave(Current);
                }

                LastError = null;
                return new ApplyOutcome(ApplyStatus.Unchanged, Duration: time.GetElapsedTime(started));
            }

            // The live counters are read while the policy compiles, because the replacement resets them. On a large
            // table both take about as long (nft lists the whole ruleset to find the counters), and the read needs only
            // nft while the compile needs only this process, so overlapping them takes one of the two off the apply
            // time. Packets counted between the read and the replacement are the only ones missed.
            var liveRead = ReadLiveTimedAsync(cancellationToken);
            var compileStarted = time.GetTimestamp();
            NftRuleset ruleset;
            try
            {
                var effective = EffectivePolicyBuilder.Build(desired.Policy, allowance);
                ruleset = _compile(effective, new NftCompileOptions { TableName = firewall.TableName });
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await ObserveAsync(liveRead).ConfigureAwait(false);
                // A policy this agent cannot compile must not take the agent down: report it, keep the old ruleset.
                LastError = $"cannot compile revision {desired.Revision}: {ex.Message}";
                return new ApplyOutcome(ApplyStatus.Failed, LastError, time.GetElapsedTime(started));
            }
            catch (OperationCanceledException)
            {
                await ObserveAsync(liveRead).ConfigureAwait(false);
                throw;
            }

            var compileTime = time.GetElapsedTime(compileStarted);
            var (live, counterReadTime) = await liveRead.ConfigureAwait(false);

            // A new digest can compile to the very same script (another group's change bumped the revision): keep
            // the table, and with it the counters and the established connections' state.
            if (Current is { } same && same.ScriptDigest == ruleset.Digest
                && await firewall.TableExistsAsync(cancellationToken).ConfigureAwait(false) == true)
            {
                Current = same with { InstanceId = desired.InstanceId, Revision = desired.Revision, Digest = desired.Digest, Policy = desired.Policy, Allowance = allowance };
                LastError = null;
                TrySave(Current);
                return new ApplyOutcome(ApplyStatus.Unchanged, Duration: time.GetElapsedTime(started));
            }

            var loadStarted = time.GetTimestamp();
            var result = await firewall.ApplyAsync(ruleset.Script, cancellationToken).ConfigureAwait(false);
            var loadTime = time.GetElapsedTime(loadStarted);
            if (!result.Succeeded)
            {
                LastError = result.ErrorText;
                return new ApplyOutcome(ApplyStatus.Failed, LastError, time.GetElapsedTime(started));
            }

            var bindings = ruleset.Counters.Select(c => new CounterBinding(c.CounterName, c.Name, c.DeviceName ?? "")).ToList();
            // Rules that left the instance take their totals with them; otherwise the list would only ever grow.
            _carried = _carried.Add(live ?? _lastLive).Retain(bindings);
            _lastLive = CounterTotals.Empty;
            LastError = null;
            Current = new AppliedState
            {
                InstanceId = desired.InstanceId,
                Revision = desired.Revision,
                Digest = desired.Digest,
                AppliedTime = time.GetUtcNow(),
                TableName = firewall.TableName,
                Policy = desired.Policy,
                Allowance = allowance,
                Script = ruleset.Script,
                ScriptDigest = ruleset.Digest,
                Counters = bindings,
            };
            var saveStarted = time.GetTimestamp();
            SaveCounters(force: true);
            TrySave(Current);
            var steps = new ApplySteps(compileTime, counterReadTime, loadTime, time.GetElapsedTime(saveStarted));
            return new ApplyOutcome(ApplyStatus.Applied, Duration: time.GetElapsedTime(started), Steps: steps);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Cumulative counters: everything carried over plus the current table's; saves the reading now and then.</summary>
    public async Task<CounterTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var live = await ReadLiveAsync(cancellationToken).ConfigureAwait(false);
            if (live is not null)
            {
                _lastLive = live;
                SaveCounters(force: false);
            }
            else if (_countersReadable)
            {
                AgentLog.CountersUnreadable(logger, firewall.TableName);
            }

            _countersReadable = live is not null;

            return _carried.Add(_lastLive);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Waits for a task whose result is no longer wanted, so that its failure is not left unobserved.</summary>
    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The apply is being cancelled anyway.
        }
    }

    private async Task<(CounterTotals? Live, TimeSpan Elapsed)> ReadLiveTimedAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var live = await ReadLiveAsync(cancellationToken).ConfigureAwait(false);
        return (live, time.GetElapsedTime(started));
    }

    private async Task<CounterTotals?> ReadLiveAsync(CancellationToken cancellationToken)
    {
        if (Current is null)
        {
            return CounterTotals.Empty;
        }

        var values = await firewall.ReadCountersAsync(cancellationToken).ConfigureAwait(false);
        return values is null ? null : CounterTotals.FromKernel(values, Current.Counters);
    }

    private void SaveCounters(bool force)
    {
        var now = time.GetUtcNow();
        if (!force && (_lastLive.SameAs(_savedLive) || now - _liveSavedAt < LiveCountersSaveInterval))
        {
            return;
        }

        try
        {
            store.SaveCounters(new CounterDocument { Carried = _carried.ToList(), Live = _lastLive.ToList() });
            _savedLive = _lastLive;
            _liveSavedAt = now;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            AgentLog.StateNotSaved(logger, store.Directory, ex.Message);
        }
    }

    private void TrySave(AppliedState state)
    {
        try
        {
            store.SaveApplied(state);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The kernel enforces the new ruleset either way; only a reboot without the server would miss it.
            AgentLog.StateNotSaved(logger, store.Directory, ex.Message);
        }
    }
}
