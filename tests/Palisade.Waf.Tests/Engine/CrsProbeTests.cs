using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

public sealed class CrsProbeTests(CrsEngineFixture crs) : IClassFixture<CrsEngineFixture>
{
    [Theory]
    [InlineData("/?id=1%27%20OR%20%271%27%3D%271", 942100)]
    [InlineData("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 941100)]
    [InlineData("/?file=..%2F..%2F..%2Fetc%2Fpasswd", 930100)]
    public void Get_ClassicProbe_IsDeniedByAnomalyScore(string target, int detectionRule)
    {
        using var transaction = Run(crs.Engine, "GET", target, body: null);

        var ids = transaction.MatchedRules.Select(r => r.Id).ToList();
        Assert.Contains(detectionRule, ids);
        Assert.Contains(949110, ids);
        Assert.Equal(403, transaction.Intervention?.Status);
    }

    [Fact]
    public void Get_BrowserRequest_PassesWithoutMatches()
    {
        using var transaction = Run(crs.Engine, "GET", "/index.html?page=2&sort=name", body: null);

        Assert.Null(transaction.Intervention);
        Assert.DoesNotContain(transaction.MatchedRules, r => r.ErrorLine.Length > 0);
    }

    internal static WafTransaction Run(WafEngine engine, string method, string target, string? body, string? contentType = null)
    {
        var transaction = engine.BeginTransaction();
        transaction.ProcessConnection("198.18.0.10", 50000, "198.18.0.1", 80);
        transaction.ProcessUri(target, method, "HTTP/1.1");
        transaction.AddRequestHeader("Host", "www.example.test");
        transaction.AddRequestHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
        transaction.AddRequestHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        transaction.AddRequestHeader("Accept-Language", "en-US,en;q=0.9");
        if (body is not null)
        {
            transaction.AddRequestHeader("Content-Type", contentType ?? "application/x-www-form-urlencoded");
            transaction.AddRequestHeader("Content-Length", System.Text.Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (transaction.ProcessRequestHeaders() is null)
        {
            if (body is not null)
            {
                transaction.AppendRequestBody(System.Text.Encoding.UTF8.GetBytes(body));
            }

            transaction.ProcessRequestBody();
        }

        transaction.ProcessLogging();
        return transaction;
    }
}
