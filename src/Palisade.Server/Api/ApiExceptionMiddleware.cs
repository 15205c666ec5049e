using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Palisade.Core;

namespace Palisade.Server.Api;

/// <summary>
/// Turns failures of /api requests into <see cref="Contracts.Common.ApiError"/> bodies: validation and refusals
/// with their code's status, an oversized body with 413, and anything unexpected with 500 InternalError and the
/// request id — logged in full, never shown to the client — after which the server goes on serving.
/// </summary>
internal sealed class ApiExceptionMiddleware(RequestDelegate next, ILogger<ApiExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ValidationException ex)
        {
            ServerLog.RequestRefused(logger, RequestIds.Of(context), context.Request.Method, context.Request.Path, ex.Code);
            await ApiErrorWriter.WriteAsync(context, ex.Errors).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ApiErrorWriter.WriteAsync(context, ApiErrorStatus.RequestTooLarge, "",
                $"The request body is larger than the limit of {context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0} bytes.").ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            await ApiErrorWriter.WriteAsync(context, ErrorCodes.ParameterMalformed, "", $"The request could not be read: {ex.Message}").ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception ex)
        {
            var requestId = RequestIds.Of(context);
            ServerLog.RequestFailed(logger, ex, requestId, context.Request.Method, context.Request.Path);
            await ApiErrorWriter.WriteAsync(context, ErrorCodes.InternalError, "",
                $"The server failed to handle request {requestId}; nothing was changed. The server log has the details under this id.").ConfigureAwait(false);
        }
    }
}
