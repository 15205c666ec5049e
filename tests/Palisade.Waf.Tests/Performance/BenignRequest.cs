using System.Text;
using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Performance;

/// <summary>
/// Requests a browser sends that CRS at paranoia level 1 passes: a product page GET with Chrome's headers and a
/// shop's cookies, and a urlencoded profile form POST. Run through all five phases as a host would.
/// </summary>
internal sealed record BenignRequest(string Name, string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private const string Cookies =
        "session_id=7f3c9a1e5b2d48f6a0c4e8b1d9f27a63; cart=c_5d81f0b2; theme=dark; consent=analytics%3Dtrue%26marketing%3Dfalse; _ga=GA1.1.1843356627.1764412000";

    public static BenignRequest Get(string name) => name switch
    {
        "browser-get" => new(name, "GET", "/shop/products/4711-trail-running-shoe?color=blue&size=42&ref=category", BrowserHeaders(null), []),
        "form-post" => FormPost(),
        _ => throw new ArgumentException($"Unknown request '{name}'; expected browser-get or form-post.", nameof(name)),
    };

    public WafTransaction Run(WafEngine engine)
    {
        var transaction = engine.BeginTransaction();
        transaction.ProcessConnection("198.18.0.10", 51324, "198.18.0.1", 443);
        transaction.ProcessUri(Target, Method, "HTTP/1.1");
        foreach (var header in Headers)
        {
            transaction.AddRequestHeader(header.Key, header.Value);
        }

        if (transaction.ProcessRequestHeaders() is null)
        {
            if (Body.Length > 0 && transaction.IsRequestBodyAccessible)
            {
                transaction.AppendRequestBody(Body);
            }

            if (transaction.ProcessRequestBody() is null)
            {
                transaction.AddResponseHeader("Content-Type", "text/html; charset=utf-8");
                transaction.AddResponseHeader("Content-Length", "48213");
                if (transaction.ProcessResponseHeaders(200, "HTTP/1.1") is null)
                {
                    transaction.ProcessResponseBody();
                }
            }
        }

        transaction.ProcessLogging();
        return transaction;
    }

    public override string ToString() => Name;

    private static BenignRequest FormPost()
    {
        var body = Encoding.ASCII.GetBytes(
            "csrf_token=Zk3J9qQ2xV7mR1pL8sT4uW6yB0cD5eF3gH2iK7jM9nP&first_name=Maria&last_name=Keller&email=maria.keller%40example.com" +
            "&phone=%2B49+30+5551234&street=Friedrichstra%C3%9Fe+123&postal_code=10117&city=Berlin&country=DE&newsletter=on" +
            "&about=I+run+trails+in+the+mountains+most+weekends+and+organise+group+trips+with+friends.");
        return new BenignRequest("form-post", "POST", "/account/profile", BrowserHeaders(body.Length), body);
    }

    private static KeyValuePair<string, string>[] BrowserHeaders(int? formLength)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Host", "shop.example.com"),
            new("Connection", "keep-alive"),
            new("sec-ch-ua", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""),
            new("sec-ch-ua-mobile", "?0"),
            new("sec-ch-ua-platform", "\"Linux\""),
            new("Upgrade-Insecure-Requests", "1"),
            new("User-Agent", UserAgent),
            new("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8"),
            new("Sec-Fetch-Site", "same-origin"),
            new("Sec-Fetch-Mode", "navigate"),
            new("Sec-Fetch-Dest", "document"),
            new("Referer", "https://shop.example.com/shop/category/running-shoes?page=2&sort=popular"),
            new("Accept-Encoding", "gzip, deflate, br, zstd"),
            new("Accept-Language", "en-US,en;q=0.9,de;q=0.8"),
            new("Cookie", Cookies),
        };
        if (formLength is { } length)
        {
            headers.Add(new("Content-Type", "application/x-www-form-urlencoded"));
            headers.Add(new("Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            headers.Add(new("Origin", "https://shop.example.com"));
        }

        return [.. headers];
    }
}
