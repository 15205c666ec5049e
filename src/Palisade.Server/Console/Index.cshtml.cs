using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Palisade.Server.Console;

/// <summary>/console: the console opens on the security groups of the first region.</summary>
internal sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/SecurityGroups/Index");
}
