namespace Palisade.Agent.ControlPlane;

internal enum ServerCallStatus
{
    Ok,

    /// <summary>Desired state: nothing changed within the wait (HTTP 304).</summary>
    NotModified,

    /// <summary>No answer: connection refused, DNS failure, timeout.</summary>
    Unreachable,

    /// <summary>The server answered with an error (4xx, 5xx), usually with an API error code.</summary>
    Rejected,

    /// <summary>The server answered something this agent cannot read.</summary>
    BadResponse,
}
