namespace Palisade.Server.Application;

/// <summary>The outcome of a console login attempt.</summary>
internal sealed record LoginResult(LoginStatus Status, string? UserName = null, string? Role = null, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => Status == LoginStatus.Succeeded;
}
