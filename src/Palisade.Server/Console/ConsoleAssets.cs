using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Palisade.Server.Console;

/// <summary>
/// The console's one stylesheet, embedded in the assembly and served from memory: the server runs from the CLI's
/// output folder, where no wwwroot or static web assets manifest travels along, and one small file needs no more.
/// </summary>
internal static class ConsoleAssets
{
    public const string StylesheetPath = "/console/console.css";

    private static readonly Lazy<(byte[] Content, string ETag)> Stylesheet = new(Load);

    public static void MapConsoleAssets(this IEndpointRouteBuilder app) =>
        app.MapGet(StylesheetPath, ServeStylesheet).AllowAnonymous().ExcludeFromDescription();

    private static IResult ServeStylesheet(HttpContext context)
    {
        var (content, etag) = Stylesheet.Value;
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(content, "text/css; charset=utf-8");
    }

    private static (byte[], string) Load()
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream("Palisade.Server.Console.console.css")
            ?? throw new InvalidOperationException("The console stylesheet is not embedded in Palisade.Server.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var content = copy.ToArray();
        return (content, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
    }
}
