namespace Palisade.Server.Persistence;

internal sealed class ConsoleUserRecord
{
    public required string UserName { get; set; }

    /// <summary>ASP.NET Core Identity's PasswordHasher format (PBKDF2 with a per-user salt).</summary>
    public required string PasswordHash { get; set; }

    public required string Role { get; set; }

    /// <summary>Consecutive failed logins since the last success or lockout.</summary>
    public int FailedAttempts { get; set; }

    public DateTime? LockoutEndUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? LastLoginUtc { get; set; }
}
