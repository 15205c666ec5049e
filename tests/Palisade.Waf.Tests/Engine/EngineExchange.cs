using System.Text;
using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// One HTTP exchange fed to a <see cref="WafEngine"/> the way a host feeds it: connection, request line, headers
/// (phase 1), body (phase 2), response headers (phase 3), response body (phase 4) and logging (phase 5), stopping
/// at the first intervention and always ending with the logging phase. The request and response are plain data so
/// each test states exactly what the engine saw.
/// </summary>
internal sealed record EngineExchange
{
    public const string FormType = "application/x-www-form-urlencoded";
    public const string Boundary = "----PalisadeBoundary7MA4YWxk";
    public const string MultipartType = "multipart/form-data; boundary=" + Boundary;

    public string Method { get; init; } = "GET";

    /// <summary>The request target exactly as sent on the request line.</summary>
    public string Target { get; init; } = "/";

    public string Protocol { get; init; } = "HTTP/1.1";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [new("Host", "www.example.test")];

    public byte[]? Body { get; init; }

    /// <summary>The request body is handed over in pieces of this size (a host streams it).</summary>
    public int BodyChunkSize { get; init; } = 8192;

    public int ResponseStatus { get; init; } = 200;

    public IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [new("Content-Type", "text/html; charset=utf-8")];

    public byte[]? ResponseBody { get; init; }

    public string? UniqueId { get; init; }

    public static EngineExchange Get(string target) => new() { Target = target };

    /// <summary>A POST with the given body and Content-Type (Host and Content-Length headers added).</summary>
    public static EngineExchange Post(string target, string contentType, byte[] body) => new()
    {
        Method = "POST",
        Target = target,
        Headers =
        [
            new("Host", "www.example.test"),
            new("Content-Type", contentType),
            new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ],
        Body = body,
    };

    public static EngineExchange PostForm(string target, string form) => Post(target, FormType, Encoding.UTF8.GetBytes(form));

    /// <summary>A multipart/form-data body, CRLF line ends, with <see cref="Boundary"/>; each part is (headers, content).</summary>
    public static byte[] Multipart(params (string Headers, string Content)[] parts)
    {
        var text = new StringBuilder();
        foreach (var (headers, content) in parts)
        {
            text.Append("--").Append(Boundary).Append("\r\n").Append(headers.Replace("\n", "\r\n", StringComparison.Ordinal))
                .Append("\r\n\r\n").Append(content).Append("\r\n");
        }

        text.Append("--").Append(Boundary).Append("--\r\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    public EngineExchange WithHeader(string name, string value) => this with { Headers = [.. Headers, new(name, value)] };

    public EngineExchange WithResponse(int status, string contentType, string body) => this with
    {
        ResponseStatus = status,
        ResponseHeaders = [new("Content-Type", contentType), new("Content-Length", Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture))],
        ResponseBody = Encoding.UTF8.GetBytes(body),
    };

    /// <summary>Runs the whole exchange through <paramref name="engine"/>; the caller disposes the transaction.</summary>
    public WafTransaction Run(WafEngine engine)
    {
        var transaction = engine.BeginTransaction(UniqueId);
        try
        {
            Feed(transaction);
        }
        finally
        {
            transaction.ProcessLogging();
        }

        return transaction;
    }

    private void Feed(WafTransaction transaction)
    {
        transaction.ProcessConnection("198.18.0.10", 50000, "198.18.0.1", 80);
        transaction.ProcessUri(Target, Method, Protocol);
        foreach (var header in Headers)
        {
            transaction.AddRequestHeader(header.Key, header.Value);
        }

        if (transaction.ProcessRequestHeaders() is not null)
        {
            return;
        }

        if (Body is not null && transaction.IsRequestBodyAccessible)
        {
            for (var offset = 0; offset < Body.Length; offset += BodyChunkSize)
            {
                var length = Math.Min(BodyChunkSize, Body.Length - offset);
                if (transaction.AppendRequestBody(Body.AsSpan(offset, length)) is not null)
                {
                    return;
                }
            }
        }

        if (transaction.ProcessRequestBody() is not null)
        {
            return;
        }

        foreach (var header in ResponseHeaders)
        {
            transaction.AddResponseHeader(header.Key, header.Value);
        }

        if (transaction.ProcessResponseHeaders(ResponseStatus, "HTTP/1.1") is not null)
        {
            return;
        }

        if (ResponseBody is not null && transaction.IsResponseBodyAccessible && transaction.AppendResponseBody(ResponseBody) is not null)
        {
            return;
        }

        transaction.ProcessResponseBody();
    }
}
