using System.Globalization;
using Palisade.Contracts.Agent;
using Palisade.Core;
using Palisade.Server.Authentication;

namespace Palisade.Server.Application;

/// <summary>
/// The long poll behind GET agent/desired-state: answers at once when the agent's digest differs from the
/// instance's current one, otherwise waits until a committed change gives a different digest or the wait ends.
/// </summary>
internal sealed class DesiredStateService(
    ConfigurationStore store, InstancePolicyBuilder builder, ConfigurationChangeSignal signal, AgentService agents, TimeProvider time)
{
    public const int DefaultWaitSeconds = 30;
    public const int MaxWaitSeconds = 60;

    /// <summary>The new desired state, or null when nothing changed within the wait (HTTP 304).</summary>
    public async Task<AgentDesiredStateResponse?> WaitForChangeAsync(
        string? instanceIdText, string? knownDigest, string? waitText, AgentIdentity? agent, CancellationToken cancellationToken)
    {
        var instanceId = RequestFields.RequiredId(instanceIdText, "instanceId", ResourceIds.InstancePrefix, ErrorCodes.InstanceNotFound);
        await agents.EnsureTokenSpeaksForAsync(agent, instanceId, cancellationToken).ConfigureAwait(false);
        var wait = TimeSpan.FromSeconds(ParseWait(waitText));
        if (!await agents.TouchAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(instanceId);
        }

        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            // Taken before reading, so a change committed while we read still wakes the wait below.
            var nextChange = signal.NextChange;
            var revision = await store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
            var policy = await builder.BuildAsync(instanceId, revision, cancellationToken).ConfigureAwait(false) ?? throw NotFound(instanceId);
            var digest = PolicyDigest.Compute(policy);
            if (!string.Equals(digest, knownDigest?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return new AgentDesiredStateResponse { InstanceId = instanceId, Revision = revision, Digest = digest, Policy = policy };
            }

            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return null;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining, time, timeout.Token);
            await Task.WhenAny(nextChange, delay).ConfigureAwait(false);
            await timeout.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static int ParseWait(string? text)
    {
        if (RequestFields.IsBlank(text))
        {
            return DefaultWaitSeconds;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "wait", RequestFields.Shorten(text),
                $"wait '{RequestFields.Shorten(text)}' is not accepted: give whole seconds, 0 to {MaxWaitSeconds} (longer waits are cut to {MaxWaitSeconds}).");
        }

        return Math.Min(seconds, MaxWaitSeconds);
    }

    private static ValidationException NotFound(string instanceId) =>
        new(ErrorCodes.InstanceNotFound, "instanceId", instanceId, $"Instance {instanceId} does not exist: register again.");
}
