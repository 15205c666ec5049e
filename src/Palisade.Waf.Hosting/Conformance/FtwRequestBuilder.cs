using System.Globalization;
using System.Text;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// The bytes go-ftw puts on the wire for a stage. The behaviour, including its quirks, follows go-ftw's
/// ftwhttp/request.go (BuildRequest, AddStandardHeaders, encodeDataParameters) and test/defaults.go; it is written
/// here from that description, not copied:
/// <list type="bullet">
/// <item>encoded_request (or raw_request) is the whole request, base64, sent as is; nothing is added.</item>
/// <item>Otherwise "METHOD URI VERSION\r\n" (defaults GET, /, HTTP/1.1; an empty version leaves "GET / \r\n"), the
/// headers sorted by name, byte order, as "Name: Value\r\n", a blank line, and the body.</item>
/// <item>With autocomplete (the default) and a body: Content-Type application/x-www-form-urlencoded when none is
/// given, and for exactly that content type a body whose unescaping would change nothing (no '%', no '+') is
/// escaped pair by pair with Go's url.QueryEscape.</item>
/// <item>Whenever a Content-Type contains "multipart/form-data;", every LF of the body becomes CRLF.</item>
/// <item>With autocomplete: "Connection: close" unless a Connection header is given, and Content-Length unless one
/// is given, when there is a body or the method matches go-ftw's <c>^POST|PUT|PATCH|DELETE$</c>.</item>
/// </list>
/// </summary>
internal static class FtwRequestBuilder
{
    public const string FormContentType = "application/x-www-form-urlencoded";

    /// <exception cref="FormatException">Invalid base64 or an unsupported data template.</exception>
    /// <exception cref="NotSupportedException">An input key go-ftw supports but this runner does not.</exception>
    public static byte[] Build(FtwInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        RefuseUnsupported(input);
        if ((input.EncodedRequest ?? input.RawRequest) is { Length: > 0 } encoded)
        {
            return DecodeBase64(encoded, "encoded_request");
        }

        var method = input.Method ?? "GET";
        var headers = (input.Headers ?? []).OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => new KeyValuePair<string, string>(h.Key, h.Value ?? "")).ToList();
        var body = input.Data is not null ? Encoding.UTF8.GetBytes(FtwDataTemplate.Expand(input.Data))
            : input.EncodedData is not null ? DecodeBase64(input.EncodedData, "encoded_data")
            : [];

        if (body.Length > 0 && input.CompletesHeaders)
        {
            if (!Has(headers, "Content-Type"))
            {
                headers.Add(new("Content-Type", FormContentType));
            }

            if (headers.Any(h => IsName(h, "Content-Type") && h.Value.Equals(FormContentType, StringComparison.OrdinalIgnoreCase)))
            {
                body = EscapeFormPairs(body);
            }
        }

        if (headers.Any(h => IsName(h, "Content-Type") && h.Value.Contains("multipart/form-data;", StringComparison.OrdinalIgnoreCase)))
        {
            // Byte for byte as go-ftw: an LF already preceded by CR becomes CR CR LF.
            body = ReplaceLineFeeds(body);
        }

        if (input.CompletesHeaders)
        {
            if (!Has(headers, "Connection"))
            {
                headers.Add(new("Connection", "close"));
            }

            if (!Has(headers, "Content-Length") && (body.Length > 0 || MethodTakesBody(method)))
            {
                headers.Add(new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return Write($"{method} {input.Uri ?? "/"} {input.Version ?? "HTTP/1.1"}", headers, body);
    }

    /// <summary>go-ftw's log marker request: GET /status/200 with the marker header, Connection: close.</summary>
    public static byte[] BuildMarker(string headerName, string markerId, string host) =>
        Write(
            "GET /status/200 HTTP/1.1",
            [new("Accept", "*/*"), new("Host", host), new("User-Agent", "go-ftw test agent"), new(headerName, markerId), new("Connection", "close")],
            []);

    private static byte[] Write(string requestLine, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    {
        var head = new StringBuilder(requestLine.Length + 64 * (headers.Count + 1));
        head.Append(requestLine).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.UTF8.GetBytes(head.ToString());
        var request = new byte[headBytes.Length + body.Length];
        headBytes.CopyTo(request, 0);
        body.CopyTo(request, headBytes.Length);
        return request;
    }

    private static void RefuseUnsupported(FtwInput input)
    {
        if (input.Uris is { Count: > 0 })
        {
            throw new NotSupportedException("input.uris is not supported by this runner.");
        }

        if (input.FollowRedirect == true)
        {
            throw new NotSupportedException("input.follow_redirect is not supported by this runner.");
        }

        if (input.Response is { Count: > 0 })
        {
            throw new NotSupportedException("input.response is not supported by this runner; post the response description to /reflect.");
        }

        if (input.Protocol is { } protocol && !protocol.Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"input.protocol '{protocol}' is not supported by this runner; only http.");
        }
    }

    /// <summary>go-ftw's test for "data is not escaped yet": Go's url.QueryUnescape would leave it unchanged.</summary>
    private static byte[] EscapeFormPairs(byte[] body)
    {
        if (body.AsSpan().IndexOfAny((byte)'%', (byte)'+') >= 0)
        {
            return body;
        }

        var escaped = new StringBuilder(body.Length * 2);
        foreach (var token in SplitOn(body, (byte)'&'))
        {
            var equals = Array.IndexOf(token, (byte)'=');
            if (equals < 0)
            {
                QueryEscape(token, escaped);
            }
            else
            {
                QueryEscape(token[..equals], escaped);
                escaped.Append('=');
                QueryEscape(token[(equals + 1)..], escaped);
            }

            escaped.Append('&');
        }

        if (escaped.Length > 0)
        {
            escaped.Length--;
        }

        return Encoding.ASCII.GetBytes(escaped.ToString());
    }

    private static IEnumerable<byte[]> SplitOn(byte[] bytes, byte separator)
    {
        var start = 0;
        while (start < bytes.Length)
        {
            var end = Array.IndexOf(bytes, separator, start);
            if (end < 0)
            {
                yield return bytes[start..];
                yield break;
            }

            yield return bytes[start..end];
            start = end + 1;
        }
    }

    /// <summary>Go's url.QueryEscape: letters, digits and "-_.~" stay, space becomes '+', every other byte %XX.</summary>
    private static void QueryEscape(ReadOnlySpan<byte> value, StringBuilder output)
    {
        foreach (var b in value)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                output.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                output.Append('+');
            }
            else
            {
                output.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
    }

    private static byte[] ReplaceLineFeeds(byte[] body)
    {
        var count = body.AsSpan().Count((byte)'\n');
        if (count == 0)
        {
            return body;
        }

        var result = new byte[body.Length + count];
        var written = 0;
        foreach (var b in body)
        {
            if (b == (byte)'\n')
            {
                result[written++] = (byte)'\r';
            }

            result[written++] = b;
        }

        return result;
    }

    /// <summary>The regex go-ftw uses, precedence quirk included: "^POST" or "PUT" or "PATCH" anywhere, or "DELETE$".</summary>
    private static bool MethodTakesBody(string method) =>
        method.StartsWith("POST", StringComparison.Ordinal) || method.Contains("PUT", StringComparison.Ordinal)
        || method.Contains("PATCH", StringComparison.Ordinal) || method.EndsWith("DELETE", StringComparison.Ordinal);

    private static bool Has(List<KeyValuePair<string, string>> headers, string name) => headers.Exists(h => IsName(h, name));

    private static bool IsName(KeyValuePair<string, string> header, string name) =>
        header.Key.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static byte[] DecodeBase64(string text, string field)
    {
        try
        {
            // Go's StdEncoding ignores CR and LF; .NET ignores all white space, which CRS's values never contain otherwise.
            return Convert.FromBase64String(text);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{field} is not valid base64: {ex.Message}", ex);
        }
    }
}
