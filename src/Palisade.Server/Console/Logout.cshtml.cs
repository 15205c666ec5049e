using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Palisade.Server.Authentication;

namespace Palisade.Server.Console;

/// <summary>
/// Ends the console session. POST only (with the antiforgery token), so that no link on another site can log a
/// user out; a GET just offers the button. Anonymous, so an expired session still lands on the login page.
/// </summary>
[AllowAnonymous]
internal sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Login");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AuthSchemes.Cookie).ConfigureAwait(false);
        return RedirectToPage("/Login");
    }
}
