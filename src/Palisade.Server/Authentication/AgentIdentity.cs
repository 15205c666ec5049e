namespace Palisade.Server.Authentication;

/// <summary>
/// The agent token behind a request, as authenticated: its id and the instance it was bound to at that moment
/// (null before its first registration). Carried as claims, so the agent endpoints need not read the token again.
/// </summary>
internal sealed record AgentIdentity(string TokenId, string? InstanceId);
