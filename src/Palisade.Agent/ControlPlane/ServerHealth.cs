using Microsoft.Extensions.Logging;

namespace Palisade.Agent.ControlPlane;

/// <summary>
/// Logs the server's reachability once per change of state and operation, not once per attempt: an agent waiting
/// for a server that is down for an hour writes two lines, not a thousand.
/// </summary>
internal sealed class ServerHealth(ILogger logger)
{
    private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Succeeded(string operation)
    {
        lock (_lock)
        {
            if (_failing.Remove(operation))
            {
                AgentLog.ServerReachable(logger, operation);
            }
        }
    }

    public void Failed<T>(string operation, ServerCall<T> call)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_lock)
        {
            if (_failing.TryGetValue(operation, out var kind) && kind == call.Kind)
            {
                return;
            }

            _failing[operation] = call.Kind;
        }

        switch (call.Status)
        {
            case ServerCallStatus.Unreachable:
                AgentLog.ServerUnreachable(logger, operation, call.Problem);
                break;
            case ServerCallStatus.Rejected:
                AgentLog.ServerRejected(logger, operation, call.Problem);
                break;
            default:
                AgentLog.ServerBadResponse(logger, operation, call.Problem);
                break;
        }
    }
}
