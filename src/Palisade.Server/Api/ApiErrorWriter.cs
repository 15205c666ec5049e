using Microsoft.AspNetCore.Http;
using Palisade.Contracts;
using Palisade.Contracts.Common;
using Palisade.Core;

namespace Palisade.Server.Api;

/// <summary>Writes an <see cref="ApiError"/>: the first problem's code, a message, every problem, the request id.</summary>
internal static class ApiErrorWriter
{
    public static Task WriteAsync(HttpContext context, IReadOnlyList<ValidationError> errors)
    {
        var first = errors[0];
        var error = new ApiError
        {
            RequestId = RequestIds.Of(context),
            Code = first.Code,
            Message = errors.Count == 1 ? first.Message : $"{first.Message} ({errors.Count - 1} more problem{(errors.Count == 2 ? "" : "s")} in Errors.)",
            Errors = [.. errors.Select(e => new ApiFieldError { Code = e.Code, Field = e.Field, Value = e.Value, Message = e.Message })],
        };
        return WriteAsync(context, error, ApiErrorStatus.For(first.Code));
    }

    public static Task WriteAsync(HttpContext context, string code, string field, string message) =>
        WriteAsync(context, [new ValidationError(code, field, null, message)]);

    public static async Task WriteAsync(HttpContext context, ApiError error, int status)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.Headers[RequestIds.HeaderName] = error.RequestId;
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(error, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }
}
