using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Palisade.Waf.Hosting.Echo;

/// <summary>
/// The backend CRS's regression tests expect behind the WAF, behaving as coreruleset/albedo does:
/// <c>POST /reflect</c> (or <c>/reflect/</c>) with a JSON description <c>{status, headers, body, encodedBody,
/// logMessage}</c> is answered with that status, those headers and that body, so that response rules (RESPONSE-95x)
/// see the leak they test; every other request gets 200 with a short text body. As in albedo (Go's net/http), a body
/// without a Content-Type is sniffed, invalid JSON is 400, a status outside 100–599 is 400, and headers that cannot
/// be sent are dropped.
/// </summary>
internal static class EchoBackend
{
    public const string DefaultBody = "ok\n";

    private static readonly byte[] DefaultBodyBytes = Encoding.ASCII.GetBytes(DefaultBody);

    public static Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path.Value;
        if (HttpMethods.IsPost(context.Request.Method) && path is "/reflect" or "/reflect/")
        {
            return ReflectAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ContentTypeSniffer.TextPlain;
        context.Response.ContentLength = DefaultBodyBytes.Length;
        return context.Response.Body.WriteAsync(DefaultBodyBytes, context.RequestAborted).AsTask();
    }

    private static async Task ReflectAsync(HttpContext context)
    {
        byte[] request;
        using (var buffer = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            request = buffer.ToArray();
        }

        if (!ReflectionSpec.TryParse(request, out var spec, out var error))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, [], Encoding.UTF8.GetBytes(error)).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, spec.Status, spec.Headers, spec.Body).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, int status, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            if (IsSendable(name, value))
            {
                response.Headers.Append(name, value);
            }
        }

        if (body.Length == 0)
        {
            return Task.CompletedTask;
        }

        if (!response.Headers.ContainsKey(HeaderNames.ContentType))
        {
            response.ContentType = ContentTypeSniffer.Detect(body);
        }

        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>
    /// Go drops header fields that are not valid tokens and values with control characters; Kestrel would throw on
    /// them. Framing headers are the server's business (a reflected Content-Length would contradict the body).
    /// </summary>
    private static bool IsSendable(string name, string value)
    {
        if (name.Length == 0 || name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase)
            || name.Equals(HeaderNames.Connection, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is <= ' ' or >= (char)0x7F or '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=' or '{' or '}')
            {
                return false;
            }
        }

        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c >= (char)0x7F)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>albedo's reflection specification, read as Go's encoding/json reads it (keys case-insensitive).</summary>
    private sealed record ReflectionSpec(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public static bool TryParse(byte[] json, out ReflectionSpec spec, out string error)
        {
            spec = new ReflectionSpec(StatusCodes.Status200OK, [], []);
            error = "Invalid JSON in request body";
            var status = 0;
            var headers = new List<KeyValuePair<string, string>>();
            string? body = null;
            string? encodedBody = null;
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind == JsonValueKind.Null)
                {
                    return Finish(0, headers, null, null, out spec, out error);
                }

                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var value = property.Value;
                    switch (property.Name.ToUpperInvariant())
                    {
                        case "STATUS" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number):
                            status = number;
                            break;
                        case "STATUS" when value.ValueKind != JsonValueKind.Null:
                            return false;
                        case "HEADERS" when value.ValueKind == JsonValueKind.Object:
                            foreach (var header in value.EnumerateObject())
                            {
                                if (header.Value.ValueKind != JsonValueKind.String)
                                {
                                    return false;
                                }

                                headers.Add(new(header.Name, header.Value.GetString()!));
                            }

                            break;
                        case "BODY" when value.ValueKind == JsonValueKind.String:
                            body = value.GetString();
                            break;
                        case "ENCODEDBODY" when value.ValueKind == JsonValueKind.String:
                            encodedBody = value.GetString();
                            break;
                        case "LOGMESSAGE" when value.ValueKind == JsonValueKind.String:
                            break;
                        case "HEADERS" or "BODY" or "ENCODEDBODY" or "LOGMESSAGE" when value.ValueKind != JsonValueKind.Null:
                            // Go's encoding/json refuses a value of the wrong type for a typed field.
                            return false;
                        default:
                            break;
                    }
                }
            }
            catch (JsonException)
            {
                return false;
            }

            return Finish(status, headers, body, encodedBody, out spec, out error);
        }

        private static bool Finish(int status, List<KeyValuePair<string, string>> headers, string? body, string? encodedBody, out ReflectionSpec spec, out string error)
        {
            spec = new ReflectionSpec(StatusCodes.Status200OK, [], []);
            if ((status > 0 && status < 100) || status >= 600 || status < 0)
            {
                error = FormattableString.Invariant($"Invalid status code: {status}");
                return false;
            }

            byte[] bytes;
            if (!string.IsNullOrEmpty(body))
            {
                bytes = Encoding.UTF8.GetBytes(body);
            }
            else if (!string.IsNullOrEmpty(encodedBody))
            {
                try
                {
                    bytes = Convert.FromBase64String(encodedBody);
                }
                catch (FormatException)
                {
                    error = "invalid base64 encoding of response body";
                    return false;
                }
            }
            else
            {
                bytes = [];
            }

            spec = new ReflectionSpec(status == 0 ? StatusCodes.Status200OK : status, headers, bytes);
            error = "";
            return true;
        }
    }
}
