using Microsoft.AspNetCore.Builder;
using Palisade.Waf.Engine;

namespace Palisade.Waf.Hosting;

public static class WafApplicationBuilderExtensions
{
    /// <summary>
    /// Runs every request and its response through <paramref name="engine"/> (phases 1–5) and applies its
    /// interventions: deny (the status, 403 by default, empty body), drop (the connection is aborted) or redirect
    /// (302 and Location). Responses are buffered so that phases 3 and 4 can still refuse them.
    /// </summary>
    public static IApplicationBuilder UseWaf(this IApplicationBuilder app, WafEngine engine)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(engine);
        return app.UseMiddleware<WafMiddleware>(engine);
    }
}
