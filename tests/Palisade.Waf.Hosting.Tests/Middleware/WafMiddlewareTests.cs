using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Palisade.Waf.Hosting.Conformance;

namespace Palisade.Waf.Hosting.Tests.Middleware;

public sealed class WafMiddlewareTests
{
    private const string Rules = """
        SecRuleEngine On
        SecRequestBodyAccess On
        SecRequestBodyLimit 4194304
        SecRequestBodyNoFilesLimit 4194304
        SecResponseBodyAccess On
        SecResponseBodyMimeType text/plain text/html
        SecRule REQUEST_HEADERS:X-Attack "@streq deny" "id:1,phase:1,deny,log,msg:'attack in a header'"
        SecRule REQUEST_HEADERS:X-Attack "@streq status" "id:2,phase:1,deny,status:429,log"
        SecRule REQUEST_HEADERS:X-Attack "@streq drop" "id:3,phase:1,drop,log"
        SecRule REQUEST_HEADERS:X-Attack "@streq redirect" "id:4,phase:1,redirect:https://example.test/blocked,log"
        SecRule REQUEST_BODY "@contains EVIL-TAIL" "id:10,phase:2,deny,log,msg:'attack at the end of the body'"
        SecRule ARGS:q "@contains attack" "id:11,phase:2,deny,log"
        SecRule RESPONSE_HEADERS:X-Backend "@streq leak" "id:20,phase:3,deny,status:502,log"
        SecRule RESPONSE_BODY "@contains SECRET-LEAK" "id:21,phase:4,deny,log,msg:'leak in the response'"
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task InvokeAsync_Phase1Deny_403EmptyBodyAndBackendNotCalled()
    {
        await using var host = await WafTestHost.StartAsync(Rules, Hello);
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Attack", "deny");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, host.BackendCalls);
        Assert.True(host.Logged(1));
    }

    [Fact]
    public async Task InvokeAsync_DenyWithStatus_ThatStatus()
    {
        await using var host = await WafTestHost.StartAsync(Rules, Hello);

        using var response = await SendWithAttack(host, "status");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task InvokeAsync_Redirect_302WithLocation()
    {
        await using var host = await WafTestHost.StartAsync(Rules, Hello);

        using var response = await SendWithAttack(host, "redirect");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri("https://example.test/blocked"), response.Headers.Location);
        Assert.Equal(0, host.BackendCalls);
    }

    [Fact]
    public async Task InvokeAsync_Drop_ConnectionClosedWithoutAnswer()
    {
        await using var host = await WafTestHost.StartAsync(Rules, Hello);

        var exchange = await RawHttpClient.SendAsync(host.Endpoint, "GET / HTTP/1.1\r\nHost: a\r\nX-Attack: drop\r\n\r\n"u8.ToArray(), false, Timeout, default);

        Assert.Null(exchange.Response);
        Assert.NotNull(exchange.Error);
        Assert.Equal(0, host.BackendCalls);
    }

    [Fact]
    public async Task InvokeAsync_CleanRequest_BackendAnswersUntouched()
    {
        await using var host = await WafTestHost.StartAsync(Rules, Hello);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/hello?q=fine");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
        Assert.Equal(5, response.Content.Headers.ContentLength);
        Assert.Empty(host.Lines);
    }

    [Fact]
    public async Task InvokeAsync_AttackAtEndOfLargeBody_SeenAcrossChunksAndDenied()
    {
        await using var host = await WafTestHost.StartAsync(Rules, Hello);
        using var client = host.CreateClient();
        using var content = new StringContent(new string('a', 300_000) + "EVIL-TAIL", Encoding.ASCII, "text/plain");

        using var response = await client.PostAsync("/upload", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, host.BackendCalls);
        Assert.True(host.Logged(10));
    }

    [Fact]
    public async Task InvokeAsync_LargeCleanBody_InspectedThenForwardedWhole()
    {
        var body = RandomNumberGenerator.GetBytes(700_000);
        byte[]? received = null;
        await using var host = await WafTestHost.StartAsync(Rules, async context =>
        {
            using var copy = new MemoryStream();
            await context.Request.Body.CopyToAsync(copy);
            received = copy.ToArray();
        });
        using var client = host.CreateClient();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/octet-stream");

        using var response = await client.PostAsync("/upload", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, received);
    }

    [Fact]
    public async Task InvokeAsync_FormBody_ArgumentsInspected()
    {
        await using var host = await WafTestHost.StartAsync(Rules, Hello);
        using var client = host.CreateClient();
        using var content = new FormUrlEncodedContent([new("q", "an attack")]);

        using var response = await client.PostAsync("/form", content);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(host.Logged(11));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InvokeAsync_Phase4_LeakInResponseBody_403AndLeakNeverSent(bool throughBodyWriter)
    {
        await using var host = await WafTestHost.StartAsync(Rules, async context =>
        {
            context.Response.ContentType = "text/plain";
            var leak = Encoding.ASCII.GetBytes("user list ... SECRET-LEAK ...");
            if (throughBodyWriter)
            {
                await context.Response.BodyWriter.WriteAsync(leak);
            }
            else
            {
                await context.Response.StartAsync();
                await context.Response.Body.WriteAsync(leak);
                await context.Response.Body.FlushAsync();
            }
        });

        var exchange = await RawHttpClient.SendAsync(host.Endpoint, "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"u8.ToArray(), false, Timeout, default);

        Assert.Equal(403, exchange.Response!.StatusCode);
        Assert.DoesNotContain("SECRET-LEAK", exchange.Response.RawText, StringComparison.Ordinal);
        Assert.True(host.Logged(21));
    }

    [Fact]
    public async Task InvokeAsync_Phase3_ResponseHeaderRule_StatusOfRuleAndBackendHeadersGone()
    {
        await using var host = await WafTestHost.StartAsync(Rules, context =>
        {
            context.Response.Headers["X-Backend"] = "leak";
            return context.Response.WriteAsync("body");
        });
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Backend"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task InvokeAsync_ResponseOfUninspectedType_PassesEvenWithPattern()
    {
        await using var host = await WafTestHost.StartAsync(Rules, context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("{\"x\":\"SECRET-LEAK\"}");
        });
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"x\":\"SECRET-LEAK\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InvokeAsync_DetectionOnly_RuleLoggedButRequestPasses()
    {
        await using var host = await WafTestHost.StartAsync(Rules.Replace("SecRuleEngine On", "SecRuleEngine DetectionOnly", StringComparison.Ordinal), Hello);

        using var response = await SendWithAttack(host, "deny");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, host.BackendCalls);
        Assert.True(host.Logged(1));
    }

    [Fact]
    public async Task InvokeAsync_HostileBodies_AnsweredWithoutAnyError()
    {
        var rules = ConformanceResources.Read(ConformanceResources.BaseConfiguration) + """

            SecRequestBodyNoFilesLimit 2097152
            """;
        await using var host = await WafTestHost.StartAsync(rules, Hello);
        (string Type, byte[] Body)[] bodies =
        [
            ("application/json", Encoding.ASCII.GetBytes(new string('[', 100_000) + new string(']', 100_000))),
            ("application/json", Encoding.ASCII.GetBytes("{\"a\": [1, 2, {\"b\": \"\\ud800\" ")),
            ("application/xml", Encoding.ASCII.GetBytes("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><l>&d;&d;&d;&d;&d;&d;</l>")),
            ("application/xml", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<a>", 50_000)))),
            ("multipart/form-data; boundary=xyz", Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\r\n\r\n--xy")),
            ("multipart/form-data; boundary=\"", Encoding.ASCII.GetBytes("--\r\n\r\n")),
            ("multipart/form-data", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n", 20_000)))),
            ("application/x-www-form-urlencoded", [0x61, 0x3D, 0xC3, 0x28, 0xFF, 0xFE, 0x25, 0x7A, 0x7A, 0x26, 0x25, 0x00, 0x3D]),
            ("application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 100_000).Select(i => $"a{i}=%{i % 256:X2}")))),
            ("text/plain; charset=\u00ff\u0001", RandomNumberGenerator.GetBytes(100_000)),
        ];

        foreach (var (type, body) in bodies)
        {
            byte[] request =
            [
                .. Encoding.Latin1.GetBytes($"POST /hostile?x=%zz%u12&y[]=%00&\u00e9=\u00ff HTTP/1.1\r\nHost: a\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"),
                .. body,
            ];

            var exchange = await RawHttpClient.SendAsync(host.Endpoint, request, false, Timeout, default);

            Assert.True(exchange.Response?.StatusCode is 200 or 400 or 403 or 413, $"{type}: {exchange.Response?.StatusCode} {exchange.Error}");
        }

        Assert.Empty(host.HostErrors);
    }

    private static async Task<HttpResponseMessage> SendWithAttack(WafTestHost host, string attack)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{host.Endpoint.Port}") };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Attack", attack);
        return await client.SendAsync(request);
    }

    private static Task Hello(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync("hello");
    }
}
