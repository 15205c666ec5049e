using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Limits that bound the engine's work must not become a way around the rules: an attack placed after enough harmless
/// cookies or headers is still judged. ModSecurity applies SecArgumentsLimit to ARGS only (reference manual:
/// "Configures the maximum number of ARGS that will be accepted for processing"; libmodsecurity 3 checks it in
/// Transaction::addArgument) and inspects every cookie and header; a request that fits Kestrel's default 32 KB of
/// headers can carry well over a thousand cookies.
/// </summary>
public sealed class CrsLimitEvasionTests(CrsEngineFixture crs) : IClassFixture<CrsEngineFixture>
{
    private const string SqlInjection = "1' OR '1'='1";
    private const string XssReferer = "https://www.example.test/<script>alert(1)</script>";

    [Fact]
    public void Cookie_SqlInjectionAlone_Denied()
    {
        using var transaction = Run(crs.Engine, [new("Cookie", "session=" + SqlInjection)]);

        Assert.Equal(403, transaction.Intervention?.Status);
    }

    [Fact]
    public void Cookie_SqlInjectionAfter1000HarmlessCookies_StillDenied()
    {
        var cookies = string.Join("; ", Enumerable.Range(0, 1000).Select(i => $"c{i}=v")) + "; session=" + SqlInjection;
        Assert.True(cookies.Length < 32 * 1024, "the Cookie header fits Kestrel's default MaxRequestHeadersTotalSize");

        using var transaction = Run(crs.Engine, [new("Cookie", cookies)]);

        Assert.Contains(transaction.MatchedRules, r => r.Id == 942100);
        Assert.Equal(403, transaction.Intervention?.Status);
    }

    [Fact]
    public void Header_XssAlone_Denied()
    {
        using var transaction = Run(crs.Engine, [new("Referer", XssReferer)]);

        Assert.Equal(403, transaction.Intervention?.Status);
    }

    [Fact]
    public void Header_XssAfter1000HarmlessHeaders_StillDenied()
    {
        List<KeyValuePair<string, string>> headers = [.. Enumerable.Range(0, 1000).Select(i => new KeyValuePair<string, string>("X-Pad-" + i, "v"))];
        headers.Add(new("Referer", XssReferer));

        using var transaction = Run(crs.Engine, headers);

        Assert.Equal(403, transaction.Intervention?.Status);
    }

    private static WafTransaction Run(WafEngine engine, IEnumerable<KeyValuePair<string, string>> extraHeaders)
    {
        var exchange = extraHeaders.Aggregate(
            EngineExchange.Get("/index.html")
                .WithHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")
                .WithHeader("Accept", "text/html"),
            (request, header) => request.WithHeader(header.Key, header.Value));
        return exchange.Run(engine);
    }
}
