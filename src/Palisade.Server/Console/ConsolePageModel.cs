using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Contracts.Common;
using Palisade.Core;
using Palisade.Server.Api;
using Palisade.Server.Application;

namespace Palisade.Server.Console;

/// <summary>
/// What every logged-in console page shares: the regions for the selector, the selected region (?regionId=, the
/// first region by default), a notice carried over a redirect, and the errors of a failed action, shown with the
/// API's error codes.
/// </summary>
internal abstract class ConsolePageModel : PageModel
{
    private const string NoticeKey = "palisade.notice";

    /// <summary>The region the page shows, from the query string; an unknown one falls back to the first region.</summary>
    [BindProperty(SupportsGet = true)]
    public string? RegionId { get; set; }

    public IReadOnlyList<RegionInfo> Regions { get; private set; } = [];

    /// <summary>The errors of the action just tried, as the API would report them.</summary>
    public List<ValidationError> Errors { get; } = [];

    /// <summary>
    /// True when the request named a known region. A page about one resource reached without it (a pasted link)
    /// shows the resource's own region instead of looking for it in the default one.
    /// </summary>
    public bool RegionChosen { get; private set; }

    /// <summary>The region to filter a lookup by: the chosen one, or none (any region) when none was chosen.</summary>
    protected string? RegionFilter => RegionChosen ? RegionId : null;

    /// <summary>A one-line success message carried over the redirect after an action.</summary>
    public string? Notice { get; private set; }

    /// <summary>The label of the left navigation entry this page belongs to.</summary>
    public abstract string Section { get; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var regions = HttpContext.RequestServices.GetRequiredService<RegionService>();
        Regions = (await regions.DescribeAsync(HttpContext.RequestAborted).ConfigureAwait(false)).Regions;
        var requested = RegionId?.Trim();
        var known = Regions.FirstOrDefault(r => string.Equals(r.RegionId, requested, StringComparison.Ordinal));
        if (known is null && !string.IsNullOrEmpty(requested))
        {
            Errors.Add(new ValidationError(ErrorCodes.RegionNotFound, "RegionId", requested,
                $"Region '{RequestFields.Shorten(requested)}' does not exist: showing region {Regions.FirstOrDefault()?.RegionId} instead."));
        }

        RegionChosen = known is not null;
        RegionId = known?.RegionId ?? Regions.FirstOrDefault()?.RegionId ?? RequestFields.DefaultRegionId;
        Notice = TempData[NoticeKey] as string;
        await next().ConfigureAwait(false);
    }

    /// <summary>Runs an action of an application service; a validation failure is kept for the page to show.</summary>
    protected async Task<bool> TryAsync(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action(HttpContext.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (ValidationException ex)
        {
            // A page may try more than one step; each problem is listed once.
            Errors.AddRange(ex.Errors.Where(e => !Errors.Contains(e)));

            // The same status the API would answer, so scripts and tests can tell a refusal from a success.
            Response.StatusCode = ApiErrorStatus.For(ex.Code);
            return false;
        }
    }

    /// <summary>Post/redirect/get: back to a page of the same region, with a notice for the next view.</summary>
    protected RedirectToPageResult RedirectWithNotice(string notice, string pageName, object? routeValues = null)
    {
        TempData[NoticeKey] = notice;
        var values = new RouteValueDictionary(routeValues) { ["regionId"] = RegionId };
        return RedirectToPage(pageName, values);
    }

    /// <summary>The first error about one of <paramref name="fields"/>, to show next to that input.</summary>
    public ValidationError? ErrorFor(params string[] fields) =>
        Errors.FirstOrDefault(e => fields.Any(f => e.Field.EndsWith(f, StringComparison.Ordinal)));
}
