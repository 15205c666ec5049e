using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Tokens;
using Palisade.Core;
using Palisade.Server.Persistence;

namespace Palisade.Server.Application;

/// <summary>
/// Console accounts: password check with lockout, and the first-start admin. Passwords are hashed with ASP.NET Core
/// Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-user salt, constant-time verification).
/// </summary>
/// <remarks>
/// Lockout: after <see cref="MaxFailedAttempts"/> consecutive failures the account refuses every login, right or
/// wrong, for <see cref="LockoutDuration"/>; then it gets <see cref="MaxFailedAttempts"/> fresh attempts. A success
/// resets the count. Unknown users cost the same hash verification as known ones, so timing does not reveal names.
/// </remarks>
internal sealed class AccountService(ConfigurationStore store, TimeProvider time)
{
    public const string AdminUserName = "admin";
    public const int MaxFailedAttempts = 5;
    public const int MinPasswordLength = 12;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<ConsoleUserRecord> Hasher = new();
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, RandomNumberGenerator.GetHexString(32)));

    private PalisadeDbContext Db => store.Db;

    public async Task<LoginResult> CheckPasswordAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var name = (userName ?? "").Trim();
        var user = name.Length is 0 or > RequestFields.MaxNameLength ? null
            : await Db.ConsoleUsers.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == name, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (user?.LockoutEndUtc is { } lockedUntil && lockedUntil > now.UtcDateTime)
        {
            return new LoginResult(LoginStatus.LockedOut, user.UserName, LockedUntil: new DateTimeOffset(lockedUntil, TimeSpan.Zero));
        }

        var verified = Hasher.VerifyHashedPassword(user!, user?.PasswordHash ?? DummyHash.Value, password ?? "");
        if (user is null)
        {
            return new LoginResult(LoginStatus.InvalidCredentials);
        }

        var succeeded = verified != PasswordVerificationResult.Failed;
        return await store.ChangeAsync(async () =>
        {
            var tracked = await Db.ConsoleUsers.SingleAsync(u => u.UserName == user.UserName, cancellationToken).ConfigureAwait(false);
            if (tracked.LockoutEndUtc is { } end && end > now.UtcDateTime)
            {
                return new LoginResult(LoginStatus.LockedOut, tracked.UserName, LockedUntil: new DateTimeOffset(end, TimeSpan.Zero));
            }

            if (succeeded)
            {
                tracked.FailedAttempts = 0;
                tracked.LockoutEndUtc = null;
                tracked.LastLoginUtc = now.UtcDateTime;
                if (verified == PasswordVerificationResult.SuccessRehashNeeded)
                {
                    tracked.PasswordHash = Hasher.HashPassword(tracked, password!);
                }

                return new LoginResult(LoginStatus.Succeeded, tracked.UserName, tracked.Role);
            }

            tracked.FailedAttempts++;
            if (tracked.FailedAttempts < MaxFailedAttempts)
            {
                return new LoginResult(LoginStatus.InvalidCredentials);
            }

            tracked.FailedAttempts = 0;
            tracked.LockoutEndUtc = (now + LockoutDuration).UtcDateTime;
            return new LoginResult(LoginStatus.LockedOut, tracked.UserName, LockedUntil: now + LockoutDuration);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The principal to sign in with the console cookie after a successful <see cref="CheckPasswordAsync"/>.</summary>
    public static ClaimsPrincipal CreatePrincipal(LoginResult login)
    {
        if (!login.Succeeded)
        {
            throw new InvalidOperationException("Only a successful login yields a principal.");
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, login.UserName!), new Claim(ClaimTypes.Role, login.Role!)],
            CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    public async Task ChangePasswordAsync(string userName, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        EnsureStrong(newPassword, "NewPassword");
        var login = await CheckPasswordAsync(userName, currentPassword, cancellationToken).ConfigureAwait(false);
        if (!login.Succeeded)
        {
            throw new ValidationException(ErrorCodes.Forbidden, "CurrentPassword", null, "The current password is not correct.");
        }

        await store.ChangeAsync(async () =>
        {
            var user = await Db.ConsoleUsers.SingleAsync(u => u.UserName == login.UserName, cancellationToken).ConfigureAwait(false);
            user.PasswordHash = Hasher.HashPassword(user, newPassword);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates user admin when no user exists. Returns the password to print when it was generated; null when
    /// users existed already or the operator chose the password (PALISADE_ADMIN_PASSWORD), which is never printed.
    /// </summary>
    public async Task<string?> EnsureAdminAsync(string? chosenPassword, CancellationToken cancellationToken)
    {
        // The operator's own choice is taken as given (a test rig may want a short one); only empty means "none".
        chosenPassword = string.IsNullOrEmpty(chosenPassword) ? null : chosenPassword;
        return await store.ChangeAsync(async () =>
        {
            if (await Db.ConsoleUsers.AnyAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var password = chosenPassword ?? GeneratePassword();
            var user = new ConsoleUserRecord { UserName = AdminUserName, PasswordHash = "", Role = ApiRoles.Admin, CreatedUtc = time.UtcNow() };
            user.PasswordHash = Hasher.HashPassword(user, password);
            Db.ConsoleUsers.Add(user);
            return chosenPassword is null ? password : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static void EnsureStrong(string password, string field)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, field, null,
                $"{field} is too short: use at least {MinPasswordLength} characters.");
        }
    }

    /// <summary>18 random bytes as base64url: 24 characters, 144 bits.</summary>
    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
