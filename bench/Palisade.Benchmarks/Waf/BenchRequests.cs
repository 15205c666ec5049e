using System.Globalization;
using System.Text;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// The three request types the issue names: a browser GET with the headers Chrome 131 sends on a same-origin
/// navigation, a 1 KB urlencoded form POST and a 10 KB JSON POST of a nested API payload. All benign: at paranoia
/// level 1 neither engine may intervene (the benchmark checks that before timing anything).
/// </summary>
internal static class BenchRequests
{
    public const string BrowserGetName = "browser-get";
    public const string FormPostName = "form-post-1k";
    public const string JsonPostName = "json-post-10k";

    public static IReadOnlyList<string> Names { get; } = [BrowserGetName, FormPostName, JsonPostName];

    public static IReadOnlyList<BenchRequest> All { get; } = [BrowserGet(), FormPost(), JsonPost()];

    public static BenchRequest Get(string name) =>
        All.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"Unknown request type '{name}'; expected one of {string.Join(", ", Names)}.", nameof(name));

    /// <summary>A product page opened from a category page: query string, referer, and the cookies a shop sets.</summary>
    public static BenchRequest BrowserGet() => new(
        BrowserGetName,
        "GET",
        "/shop/products/4711-trail-running-shoe?color=blue&size=42&ref=category",
        "HTTP/1.1",
        [
            Header("Host", "shop.example.com"),
            Header("Connection", "keep-alive"),
            Header("sec-ch-ua", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""),
            Header("sec-ch-ua-mobile", "?0"),
            Header("sec-ch-ua-platform", "\"Linux\""),
            Header("Upgrade-Insecure-Requests", "1"),
            Header("User-Agent", ChromeUserAgent),
            Header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
            Header("Sec-Fetch-Site", "same-origin"),
            Header("Sec-Fetch-Mode", "navigate"),
            Header("Sec-Fetch-User", "?1"),
            Header("Sec-Fetch-Dest", "document"),
            Header("Referer", "https://shop.example.com/shop/category/running-shoes?page=2&sort=popular"),
            Header("Accept-Encoding", "gzip, deflate, br, zstd"),
            Header("Accept-Language", "en-US,en;q=0.9,de;q=0.8"),
            Header("Cookie", ShopCookies),
        ],
        [],
        200,
        [
            Header("Content-Type", "text/html; charset=utf-8"),
            Header("Content-Length", "48213"),
            Header("Cache-Control", "private, max-age=0"),
            Header("Vary", "Accept-Encoding"),
            Header("Server", "nginx"),
        ]);

    /// <summary>A profile form submitted from the same site: about 1 KB of urlencoded fields, as Chrome sends it.</summary>
    public static BenchRequest FormPost()
    {
        var body = Encoding.ASCII.GetBytes(ProfileFormBody.Build(1024));
        return new BenchRequest(
            FormPostName,
            "POST",
            "/account/profile",
            "HTTP/1.1",
            [
                Header("Host", "shop.example.com"),
                Header("Connection", "keep-alive"),
                Header("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)),
                Header("Cache-Control", "max-age=0"),
                Header("sec-ch-ua", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""),
                Header("sec-ch-ua-mobile", "?0"),
                Header("sec-ch-ua-platform", "\"Linux\""),
                Header("Origin", "https://shop.example.com"),
                Header("Content-Type", "application/x-www-form-urlencoded"),
                Header("Upgrade-Insecure-Requests", "1"),
                Header("User-Agent", ChromeUserAgent),
                Header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"),
                Header("Sec-Fetch-Site", "same-origin"),
                Header("Sec-Fetch-Mode", "navigate"),
                Header("Sec-Fetch-User", "?1"),
                Header("Sec-Fetch-Dest", "document"),
                Header("Referer", "https://shop.example.com/account/profile"),
                Header("Accept-Encoding", "gzip, deflate, br, zstd"),
                Header("Accept-Language", "en-US,en;q=0.9,de;q=0.8"),
                Header("Cookie", ShopCookies),
            ],
            body,
            303,
            [
                Header("Location", "/account/profile?saved=1"),
                Header("Content-Length", "0"),
                Header("Cache-Control", "no-store"),
                Header("Server", "nginx"),
            ]);
    }

    /// <summary>An order placed through a shop's JSON API by its single-page front end: about 10 KB, nested.</summary>
    public static BenchRequest JsonPost()
    {
        var body = OrderJsonBody.Build(10 * 1024);
        return new BenchRequest(
            JsonPostName,
            "POST",
            "/api/v2/orders",
            "HTTP/1.1",
            [
                Header("Host", "shop.example.com"),
                Header("Connection", "keep-alive"),
                Header("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)),
                Header("sec-ch-ua-platform", "\"Linux\""),
                Header("Authorization", "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXNfODgxMiIsImlhdCI6MTc2NDQxMjAwMCwiZXhwIjoxNzY0NDE1NjAwfQ.3q6n0Q1yYpL2bV8cKxWm4T7uJdE9fRgHsA5zNkXiOo0"),
                Header("sec-ch-ua", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""),
                Header("Content-Type", "application/json"),
                Header("sec-ch-ua-mobile", "?0"),
                Header("User-Agent", ChromeUserAgent),
                Header("Accept", "application/json, text/plain, */*"),
                Header("Origin", "https://shop.example.com"),
                Header("Sec-Fetch-Site", "same-origin"),
                Header("Sec-Fetch-Mode", "cors"),
                Header("Sec-Fetch-Dest", "empty"),
                Header("Referer", "https://shop.example.com/checkout/review"),
                Header("Accept-Encoding", "gzip, deflate, br, zstd"),
                Header("Accept-Language", "en-US,en;q=0.9,de;q=0.8"),
                Header("Cookie", ShopCookies),
            ],
            body,
            201,
            [
                Header("Content-Type", "application/json; charset=utf-8"),
                Header("Content-Length", "412"),
                Header("Location", "/api/v2/orders/ord_20261129_118734"),
                Header("Cache-Control", "no-store"),
                Header("Server", "nginx"),
            ]);
    }

    private const string ChromeUserAgent =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>A session, a cart, a consent record and the analytics cookies most shops carry.</summary>
    private const string ShopCookies =
        "session_id=7f3c9a1e5b2d48f6a0c4e8b1d9f27a63; cart=c_5d81f0b2; theme=dark; " +
        "consent=analytics%3Dtrue%26marketing%3Dfalse; _ga=GA1.1.1843356627.1764412000; " +
        "_ga_X4K2P9RZQ1=GS1.1.1764412000.3.1.1764412815.0.0.0; _gid=GA1.2.775201934.1764412000";

    private static KeyValuePair<string, string> Header(string name, string value) => new(name, value);
}
