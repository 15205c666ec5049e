using System.Buffers;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Palisade.Waf.Engine;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Hosting;

/// <summary>
/// One <see cref="WafTransaction"/> per request, fed from the <see cref="HttpContext"/> in HTTP order: connection,
/// request line (the raw target as sent), headers (phase 1), body (phase 2), then the backend runs with its response
/// held in a buffer, response headers (phase 3) and body (phase 4) are inspected, and only then is the response sent.
/// Logging (phase 5) runs last, whatever happened. Hostile input never escapes as an exception: a request Kestrel
/// cannot read ends with its status, a client that went away ends quietly, and an engine failure is logged and
/// refused with 500 (failing closed). Exceptions of the backend itself are left to the host.
/// </summary>
internal sealed class WafMiddleware(RequestDelegate next, WafEngine engine, ILogger<WafMiddleware> logger)
{
    private const int RequestChunkSize = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        using var transaction = engine.BeginTransaction();
        var inBackend = false;
        try
        {
            var intervention = InspectRequestHead(context, transaction);
            if (intervention is null && transaction.IsRequestBodyAccessible && CanHaveBody(context))
            {
                intervention = await InspectRequestBodyAsync(context, transaction).ConfigureAwait(false);
            }

            intervention ??= transaction.ProcessRequestBody();
            if (intervention is not null)
            {
                Intervene(context, intervention);
                return;
            }

            if (context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true })
            {
                // A protocol switch (WebSocket) cannot be buffered: its "response" is a stream that never ends.
                inBackend = true;
                await next(context).ConfigureAwait(false);
                return;
            }

            var serverBody = context.Features.Get<IHttpResponseBodyFeature>()!;
            using var buffer = new PooledBufferStream();
            var buffered = new BufferedResponseBodyFeature(buffer);
            context.Features.Set<IHttpResponseBodyFeature>(buffered);
            try
            {
                inBackend = true;
                await next(context).ConfigureAwait(false);
                await buffered.CompleteAsync().ConfigureAwait(false);
                inBackend = false;
            }
            finally
            {
                context.Features.Set(serverBody);
            }

            intervention = InspectResponse(context, transaction, buffer);
            if (intervention is not null)
            {
                Intervene(context, intervention);
                return;
            }

            await SendAsync(context, serverBody, buffer).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!inBackend)
        {
            // Kestrel could not read the request body (bad chunking, too large, cut short): answer as Kestrel would.
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = ex.StatusCode;
            }
        }
        catch (Exception ex) when (!inBackend && IsClientGone(ex, context))
        {
            // Nobody is left to answer.
        }
#pragma warning disable CA1031 // The WAF must never take the host down: any engine failure becomes a logged 500.
        catch (Exception ex) when (!inBackend)
#pragma warning restore CA1031
        {
            WafMiddlewareLog.EngineFailed(logger, ex, context.Request.Method, RawTarget(context));
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
            else
            {
                context.Abort();
            }
        }
        finally
        {
            Log(context, transaction);
        }
    }

    private static WafIntervention? InspectRequestHead(HttpContext context, WafTransaction transaction)
    {
        var connection = context.Connection;
        transaction.ProcessConnection(Address(connection.RemoteIpAddress), connection.RemotePort, Address(connection.LocalIpAddress), connection.LocalPort);
        var request = context.Request;
        transaction.ProcessUri(AsEngineText(RawTarget(context)), request.Method, request.Protocol);
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                transaction.AddRequestHeader(name, AsEngineText(value ?? ""));
            }
        }

        return transaction.ProcessRequestHeaders();
    }

    /// <summary>
    /// Reads the body in chunks into the transaction, then rewinds it for the backend (ASP.NET Core's request
    /// buffering keeps small bodies in memory and spills large ones to a temporary file).
    /// </summary>
    private static async Task<WafIntervention?> InspectRequestBodyAsync(HttpContext context, WafTransaction transaction)
    {
        var request = context.Request;
        request.EnableBuffering();
        var chunk = ArrayPool<byte>.Shared.Rent(RequestChunkSize);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, RequestChunkSize), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (transaction.AppendRequestBody(chunk.AsSpan(0, read)) is { } intervention)
                {
                    return intervention;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        request.Body.Position = 0;
        return null;
    }

    private static WafIntervention? InspectResponse(HttpContext context, WafTransaction transaction, PooledBufferStream body)
    {
        var response = context.Response;
        foreach (var (name, values) in response.Headers)
        {
            foreach (var value in values)
            {
                transaction.AddResponseHeader(name, AsEngineText(value ?? ""));
            }
        }

        var intervention = transaction.ProcessResponseHeaders(response.StatusCode, context.Request.Protocol);
        if (intervention is null && body.Length > 0 && transaction.IsResponseBodyAccessible)
        {
            intervention = transaction.AppendResponseBody(body.WrittenMemory.Span);
        }

        return intervention ?? transaction.ProcessResponseBody();
    }

    private static async Task SendAsync(HttpContext context, IHttpResponseBodyFeature serverBody, PooledBufferStream body)
    {
        if (body.Length == 0)
        {
            return;
        }

        var response = context.Response;
        if (response.ContentLength is null && !response.Headers.ContainsKey(HeaderNames.TransferEncoding))
        {
            // The whole body is known: send it with a length instead of chunked.
            response.ContentLength = body.Length;
        }

        await serverBody.Writer.WriteAsync(body.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static void Intervene(HttpContext context, WafIntervention intervention)
    {
        var response = context.Response;
        if (intervention.Action == DisruptiveAction.Drop || response.HasStarted)
        {
            context.Abort();
            return;
        }

        response.Headers.Clear();
        if (intervention.Action == DisruptiveAction.Redirect && !string.IsNullOrEmpty(intervention.RedirectUrl))
        {
            response.StatusCode = intervention.Status is >= 300 and < 400 ? intervention.Status : StatusCodes.Status302Found;
            response.Headers.Location = intervention.RedirectUrl;
        }
        else
        {
            response.StatusCode = intervention.Status is >= 100 and < 600 ? intervention.Status : StatusCodes.Status403Forbidden;
        }

        response.ContentLength = 0;
    }

    private void Log(HttpContext context, WafTransaction transaction)
    {
        try
        {
            transaction.ProcessLogging();
        }
#pragma warning disable CA1031 // The logging phase runs after the answer; its failure must not replace the answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WafMiddlewareLog.LoggingPhaseFailed(logger, ex, context.Request.Method, RawTarget(context));
        }
    }

    private static bool CanHaveBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    private static bool IsClientGone(Exception exception, HttpContext context) =>
        (context.RequestAborted.IsCancellationRequested && exception is IOException or OperationCanceledException)
        || exception is ConnectionResetException;

    /// <summary>The request target exactly as received; rebuilt from the parsed URL only when the server has no raw form.</summary>
    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : context.Request.GetEncodedPathAndQuery();

    private static string Address(IPAddress? address) =>
        address is null ? "" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    /// <summary>
    /// The engine reads text as bytes, one char per byte (what ModSecurity sees). Kestrel decodes non-ASCII request
    /// bytes as UTF-8 (its default), so such values are turned back into their UTF-8 bytes; ASCII passes untouched.
    /// </summary>
    private static string AsEngineText(string value) => ByteText.FromRuleText(value);
}
