using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Palisade.Server.Application;
using Palisade.Server.Authentication;

namespace Palisade.Server.Console;

/// <summary>
/// The console login: user name and password checked by <see cref="AccountService"/> (hashing, lockout after
/// repeated failures), then the console cookie. Never says whether the user or the password was wrong.
/// </summary>
[AllowAnonymous]
internal sealed class LoginModel(AccountService accounts, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Where to go after logging in; only paths of this server are followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var login = await accounts.CheckPasswordAsync(UserName, Password, HttpContext.RequestAborted).ConfigureAwait(false);
        switch (login.Status)
        {
            case LoginStatus.Succeeded:
                await HttpContext.SignInAsync(AuthSchemes.Cookie, AccountService.CreatePrincipal(login)).ConfigureAwait(false);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : AuthSchemes.ConsoleRoot);
            case LoginStatus.LockedOut:
                var minutes = login.LockedUntil is { } until ? Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes)) : (int)AccountService.LockoutDuration.TotalMinutes;
                Error = $"This account is locked after {AccountService.MaxFailedAttempts} failed logins in a row. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.";
                break;
            default:
                Error = "The user name or password is not correct.";
                break;
        }

        // The password is never sent back into the form.
        Password = null;
        return Page();
    }
}
