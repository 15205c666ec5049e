using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Palisade.Waf.Hosting.Echo;

namespace Palisade.Waf.Hosting.Tests.Echo;

/// <summary>The echo backend on a real Kestrel (127.0.0.1, port 0), driven by HttpClient: its answers are well-formed.</summary>
public sealed class EchoBackendTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(EchoBackend.HandleAsync);
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task HandleAsync_Reflect_StatusHeadersAndBody_AnsweredAsDescribed()
    {
        using var response = await Reflect("""{"status": 418, "headers": {"X-Leak": "yes", "Content-Type": "application/json"}, "body": "{\"a\":1}", "logMessage": "test 1"}""");

        Assert.Equal(418, (int)response.StatusCode);
        Assert.Equal("yes", Assert.Single(response.Headers.GetValues("X-Leak")));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"a\":1}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HandleAsync_Reflect_EncodedBody_SentDecoded()
    {
        using var response = await Reflect($$"""{"encodedBody": "{{Convert.ToBase64String([0x00, 0xFF, 0x41])}}"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([0x00, 0xFF, 0x41], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("<html><body>Fatal error</body></html>", "text/html")]
    [InlineData("  <!-- x --> leak", "text/html")]
    [InlineData("<?xml version=\"1.0\"?><a/>", "text/xml")]
    [InlineData("ORA-00933: SQL command not properly ended", "text/plain")]
    [InlineData("<% end %>", "text/plain")]
    public async Task HandleAsync_Reflect_BodyWithoutContentType_SniffedAsGoDoes(string body, string expectedType)
    {
        using var response = await Reflect($$"""{"body": {{System.Text.Json.JsonSerializer.Serialize(body)}}}""");

        Assert.Equal(expectedType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not json", "Invalid JSON in request body")]
    [InlineData("""{"status": "200"}""", "Invalid JSON in request body")]
    [InlineData("""{"status": 99}""", "Invalid status code: 99")]
    [InlineData("""{"status": 600}""", "Invalid status code: 600")]
    [InlineData("""{"encodedBody": "***"}""", "invalid base64 encoding of response body")]
    public async Task HandleAsync_Reflect_BadDescription_400WithReason(string json, string reason)
    {
        using var response = await Reflect(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HandleAsync_Reflect_UnknownKeysAndNoBody_EmptyOk()
    {
        using var response = await Reflect("""{"noJavascriptError": "SOGo requires Javascript"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task HandleAsync_Reflect_UnsendableHeaders_Dropped()
    {
        using var response = await Reflect("""{"headers": {"Bad Name": "x", "X-Ctl": "a\u0001b", "Content-Length": "99", "X-Ok": "1"}, "body": "b"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Ctl"));
        Assert.True(response.Headers.Contains("X-Ok"));
        Assert.Equal("b", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "/status/200")]
    [InlineData("GET", "/reflect")]
    [InlineData("POST", "/post")]
    public async Task HandleAsync_OtherRequests_200ShortText(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(EchoBackend.DefaultBody, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> Reflect(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await Client.PostAsync("/reflect", content);
    }
}
