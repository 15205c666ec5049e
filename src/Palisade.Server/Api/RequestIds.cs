using Microsoft.AspNetCore.Http;

namespace Palisade.Server.Api;

/// <summary>Every request gets a GUID, returned in its body (RequestId) and header, and written to its log lines.</summary>
internal static class RequestIds
{
    public const string HeaderName = "X-Request-Id";
    private const string ItemKey = "Palisade.RequestId";

    public static string Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var value) && value is string id)
        {
            return id;
        }

        id = Guid.NewGuid().ToString();
        context.Items[ItemKey] = id;
        return id;
    }

    /// <summary>Assigns the id as the request starts, so that every response, even a 401, carries it.</summary>
    public static async Task AssignAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers[HeaderName] = Of(context);
        await next(context).ConfigureAwait(false);
    }
}
