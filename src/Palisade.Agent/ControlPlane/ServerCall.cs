using System.Net;

namespace Palisade.Agent.ControlPlane;

/// <summary>
/// The outcome of one request to the server, never an exception: the caller retries, re-registers or logs.
/// <see cref="Problem"/> is a short text for logs ("connection refused", "401 InvalidToken: …").
/// </summary>
internal sealed record ServerCall<T>(ServerCallStatus Status, T? Value = null, HttpStatusCode? HttpStatus = null, string? ErrorCode = null, string? Problem = null)
    where T : class
{
    public bool IsOk => Status == ServerCallStatus.Ok;

    /// <summary>The server no longer knows the instance (deleted): register again.</summary>
    public bool InstanceUnknown => HttpStatus == HttpStatusCode.NotFound || ErrorCode == Palisade.Core.ErrorCodes.InstanceNotFound;

    /// <summary>A stable text of the failure kind, so that repeated attempts with the same failure log once.</summary>
    public string Kind => Status switch
    {
        ServerCallStatus.Rejected => $"rejected {(int?)HttpStatus} {ErrorCode}",
        _ => Status.ToString(),
    };
}
