using System.Reflection;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Palisade.Agent.ControlPlane;
using Palisade.Agent.Firewall;
using Palisade.Agent.Inventory;
using Palisade.Contracts.Agent;

namespace Palisade.Agent;

/// <summary>
/// The agent's three loops. Control: register (retrying until the server answers), then long-poll the desired
/// state and apply every new digest at once, reporting right after. Inventory: re-read the NICs and register again
/// when they change. Report: send the applied state and cumulative counters every <see cref="AgentOptions.ReportInterval"/>.
/// Nothing the server or the network does stops a loop; while the server is away the kernel keeps the last ruleset.
/// </summary>
internal sealed class AgentWorker(
    AgentOptions options, ControlPlaneClient client, InventoryReader inventoryReader, RulesetEnforcer enforcer, ILogger<AgentWorker> logger)
    : BackgroundService
{
    /// <summary>A failed apply is tried again after this (doubling up to <see cref="MaxApplyRetryDelay"/>), in case nft's trouble was passing.</summary>
    public static readonly TimeSpan FirstApplyRetryDelay = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxApplyRetryDelay = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan LoopRestartDelay = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    private static readonly string AgentVersion =
        typeof(AgentWorker).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private readonly TimeProvider _time = options.TimeProvider;
    private readonly ServerHealth _health = new(logger);
    private readonly Channel<bool> _reportNow = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly RetryBackoff _applyBackoff = new(FirstApplyRetryDelay, MaxApplyRetryDelay);
    private readonly Lock _sessionLock = new();
    private AgentSession? _session;
    private CancellationTokenSource? _sessionEnd;
    private string? _knownDigest;
    private DesiredState? _pending;
    private DateTimeOffset _pendingRetryAt;

    /// <summary>The current registration; null until the server first answered.</summary>
    public AgentSession? Session
    {
        get
        {
            lock (_sessionLock)
            {
                return _session;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var name = AgentOptionsValidator.ResolveInstanceName(options);
        AgentLog.Starting(logger, name, options.Server, Path.GetFullPath(options.StateDirectory), options.TableName);
        if (!Environment.IsPrivilegedProcess)
        {
            AgentLog.NotRoot(logger);
        }

        try
        {
            await enforcer.InitializeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without its state directory the agent still enforces what the server sends; it only cannot survive a reboot alone.
            AgentLog.StateNotSaved(logger, options.StateDirectory, ex.Message);
        }

        await Task.WhenAll(
            RunLoopAsync("control", ControlAsync, stoppingToken),
            RunLoopAsync("inventory", WatchInventoryAsync, stoppingToken),
            RunLoopAsync("report", ReportPeriodicallyAsync, stoppingToken)).ConfigureAwait(false);
        AgentLog.Stopped(logger);
    }

    public override void Dispose()
    {
        lock (_sessionLock)
        {
            _sessionEnd?.Dispose();
            _sessionEnd = null;
        }

        base.Dispose();
    }

    private async Task RunLoopAsync(string name, Func<CancellationToken, Task> loop, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await loop(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A bug must not end enforcement or reporting for good: log it and start the loop again.
                AgentLog.LoopFailed(logger, name, LoopRestartDelay.TotalSeconds, ex);
                await DelayAsync(LoopRestartDelay, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ControlAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            var session = await RegisterAsync(stoppingToken).ConfigureAwait(false);
            using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            lock (_sessionLock)
            {
                if (_session?.InstanceId != session.InstanceId)
                {
                    _knownDigest = null;
                }

                _session = session;
                _sessionEnd = sessionEnd;
            }

            try
            {
                await PollAsync(session, sessionEnd.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The NICs changed or the server forgot the instance: register again.
            }
            finally
            {
                lock (_sessionLock)
                {
                    _sessionEnd = null;
                }
            }
        }
    }

    private async Task<AgentSession> RegisterAsync(CancellationToken cancellationToken)
    {
        var backoff = new RetryBackoff(FirstRetryDelay, options.MaxRetryDelay);
        var name = AgentOptionsValidator.ResolveInstanceName(options);
        string? inventoryProblem = null;
        while (true)
        {
            HostInventory inventory;
            try
            {
                inventory = await inventoryReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InventoryException ex)
            {
                // Registering without NICs would detach every group on the server; wait for a good reading instead.
                if (inventoryProblem != ex.Message)
                {
                    AgentLog.InventoryUnreadable(logger, ex.Message);
                    inventoryProblem = ex.Message;
                }

                await DelayAsync(backoff.Next(), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var request = new AgentRegisterRequest
            {
                InstanceName = name,
                HostName = System.Net.Dns.GetHostName(),
                AgentVersion = AgentVersion,
                NetworkInterfaces = [.. inventory.Nics.Select(n => new AgentNetworkInterface
                {
                    DeviceName = n.DeviceName,
                    MacAddress = n.MacAddress.Length == 0 ? null : n.MacAddress,
                    Addresses = [.. n.Addresses],
                })],
            };
            var call = await client.RegisterAsync(request, cancellationToken).ConfigureAwait(false);
            if (call is { IsOk: true, Value.InstanceId.Length: > 0 })
            {
                _health.Succeeded("register");
                var allowance = await AllowanceResolver.ResolveAsync(options, call.Value.ControlPlaneAddresses, cancellationToken).ConfigureAwait(false);
                AgentLog.Registered(logger, call.Value.InstanceId, name, inventory.Nics.Length,
                    string.Join(", ", allowance.ControlPlane.Select(c => $"{IpText(c.Address)}:{c.Port}")));
                return new AgentSession(call.Value.InstanceId, inventory, allowance);
            }

            _health.Failed("register", call.IsOk ? call with { Status = ServerCallStatus.BadResponse, Problem = "no InstanceId" } : call);
            await DelayAsync(backoff.Next(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PollAsync(AgentSession session, CancellationToken cancellationToken)
    {
        // A new registration may bring a different control plane; the ruleset in force must let the agent reach it.
        if (enforcer.Current is { } current && current.InstanceId == session.InstanceId
            && AllowanceText.Of(current.Allowance) != AllowanceText.Of(session.Allowance))
        {
            AgentLog.AllowanceChanged(logger, AllowanceText.Of(session.Allowance), current.Revision);
            await ApplyAsync(new DesiredState(current.InstanceId, current.Revision, current.Digest, current.Policy), session, cancellationToken).ConfigureAwait(false);
        }

        var backoff = new RetryBackoff(FirstRetryDelay, options.MaxRetryDelay);
        while (true)
        {
            if (_pending is { } pending && _time.GetUtcNow() >= _pendingRetryAt)
            {
                await ApplyAsync(pending, session, cancellationToken).ConfigureAwait(false);
            }

            var wait = options.PollWait;
            if (_pending is not null)
            {
                var untilRetry = _pendingRetryAt - _time.GetUtcNow();
                wait = untilRetry < wait ? (untilRetry < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : untilRetry) : wait;
            }

            var call = await client.GetDesiredStateAsync(session.InstanceId, _knownDigest, wait, cancellationToken).ConfigureAwait(false);
            switch (call.Status)
            {
                case ServerCallStatus.Ok:
                    var (desired, problem) = DesiredStateCheck.Check(call.Value!, session.InstanceId);
                    if (desired is not null && string.Equals(desired.Digest, _knownDigest, StringComparison.OrdinalIgnoreCase) && _pending is null)
                    {
                        // The server should have held the request: answering at once with the same digest would make
                        // this loop spin. Nothing to apply; wait as after a failure.
                        (desired, problem) = (null, "the server answered at once with the digest the agent already has");
                    }

                    if (desired is null)
                    {
                        _health.Failed("desired-state", call with { Status = ServerCallStatus.BadResponse, Problem = problem });
                        await DelayAsync(backoff.Next(), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    _health.Succeeded("desired-state");
                    backoff.Reset();
                    _knownDigest = desired.Digest;
                    await ApplyAsync(desired, session, cancellationToken).ConfigureAwait(false);
                    break;
                case ServerCallStatus.NotModified:
                    _health.Succeeded("desired-state");
                    backoff.Reset();
                    break;
                default:
                    if (call.InstanceUnknown)
                    {
                        AgentLog.InstanceUnknown(logger, session.InstanceId);
                        return;
                    }

                    _health.Failed("desired-state", call);
                    await DelayAsync(backoff.Next(), cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
    }

    private async Task ApplyAsync(DesiredState desired, AgentSession session, CancellationToken cancellationToken)
    {
        var outcome = await enforcer.ApplyAsync(desired, session.Allowance, cancellationToken).ConfigureAwait(false);
        switch (outcome.Status)
        {
            case ApplyStatus.Applied:
                var steps = outcome.Steps ?? new ApplySteps(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
                AgentLog.Applied(
                    logger, desired.Revision, desired.Digest, options.TableName, outcome.Duration.TotalMilliseconds,
                    steps.Compile.TotalMilliseconds, steps.CounterRead.TotalMilliseconds, steps.Load.TotalMilliseconds, steps.Save.TotalMilliseconds);
                break;
            case ApplyStatus.Unchanged:
                AgentLog.AlreadyApplied(logger, desired.Revision, desired.Digest);
                break;
            default:
                AgentLog.ApplyFailed(logger, desired.Revision, desired.Digest, outcome.Error);
                break;
        }

        if (outcome.Succeeded)
        {
            _pending = null;
            _applyBackoff.Reset();
        }
        else
        {
            _pending = desired;
            _pendingRetryAt = _time.GetUtcNow() + _applyBackoff.Next();
        }

        _reportNow.Writer.TryWrite(true);
    }

    private async Task WatchInventoryAsync(CancellationToken stoppingToken)
    {
        string? problem = null;
        AgentSession? flagged = null;
        while (true)
        {
            await DelayAsync(options.InventoryInterval, stoppingToken).ConfigureAwait(false);
            var session = Session;
            if (session is null || ReferenceEquals(session, flagged))
            {
                // Not registered yet, or registering again already: the new registration reads the NICs itself.
                continue;
            }

            HostInventory inventory;
            try
            {
                inventory = await inventoryReader.ReadAsync(stoppingToken).ConfigureAwait(false);
                problem = null;
            }
            catch (InventoryException ex)
            {
                if (problem != ex.Message)
                {
                    AgentLog.InventoryUnreadable(logger, ex.Message);
                    problem = ex.Message;
                }

                continue;
            }

            if (!inventory.SameAs(session.Inventory))
            {
                AgentLog.InventoryChanged(logger, session.Inventory.Fingerprint.ReplaceLineEndings("; "), inventory.Fingerprint.ReplaceLineEndings("; "));
                flagged = session;
                EndSession(session);
            }
        }
    }

    private async Task ReportPeriodicallyAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            using (var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                var interval = Task.Delay(options.ReportInterval, _time, wake.Token);
                var signal = _reportNow.Reader.WaitToReadAsync(wake.Token).AsTask();
                await Task.WhenAny(interval, signal).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
            }

            stoppingToken.ThrowIfCancellationRequested();
            while (_reportNow.Reader.TryRead(out _))
            {
            }

            if (Session is { } session)
            {
                await ReportAsync(session, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ReportAsync(AgentSession session, CancellationToken cancellationToken)
    {
        var totals = await enforcer.ReadTotalsAsync(cancellationToken).ConfigureAwait(false);
        var applied = enforcer.Current;
        var request = new AgentReportRequest
        {
            InstanceId = session.InstanceId,
            AppliedRevision = applied?.Revision ?? 0,
            AppliedDigest = applied?.Digest,
            AppliedTime = applied?.AppliedTime,
            Error = enforcer.LastError,
            Counters = totals.ToList(),
        };
        var call = await client.ReportAsync(request, cancellationToken).ConfigureAwait(false);
        if (call.IsOk)
        {
            _health.Succeeded("report");
        }
        else if (call.InstanceUnknown)
        {
            AgentLog.InstanceUnknown(logger, session.InstanceId);
            EndSession(session);
        }
        else
        {
            _health.Failed("report", call);
        }
    }

    private void EndSession(AgentSession session)
    {
        lock (_sessionLock)
        {
            if (ReferenceEquals(_session, session))
            {
                _sessionEnd?.Cancel();
            }
        }
    }

    private static string IpText(Palisade.Core.Cidr address) =>
        address.IsSingleAddress ? address.NetworkAddress.ToString() : address.ToString();

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);
}
