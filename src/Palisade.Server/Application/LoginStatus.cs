namespace Palisade.Server.Application;

internal enum LoginStatus
{
    Succeeded,

    /// <summary>Unknown user or wrong password; which of the two is never told.</summary>
    InvalidCredentials,

    /// <summary>Too many consecutive failures: refused without checking the password until <see cref="LoginResult.LockedUntil"/>.</summary>
    LockedOut,
}
