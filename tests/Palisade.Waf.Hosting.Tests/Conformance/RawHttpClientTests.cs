using System.Net;
using System.Net.Sockets;
using System.Text;
using Palisade.Waf.Hosting.Conformance;

namespace Palisade.Waf.Hosting.Tests.Conformance;

public sealed class RawHttpClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SendAsync_MalformedRequest_ReachesKestrelByteForByte()
    {
        await using var server = await RawKestrel.StartAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        byte[] request = [.. "     GET /a%zz\\b?x=\u00e9 HTTP/1.1\nHost:\tlocalhost \r\nX-Nul: a"u8, 0x00, 0xFF, .. "\r\nX-Bare\n\n"u8];

        var exchange = await RawHttpClient.SendAsync(server.Endpoint, request, noBody: false, Timeout, default);

        Assert.Null(exchange.Error);
        Assert.Equal(request, Assert.Single(server.Received));
    }

    [Fact]
    public async Task SendAsync_ContentLength_BodyRead()
    {
        await using var server = await RawKestrel.StartAsync("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\ndenied, and more that is not the body");

        var exchange = await RawHttpClient.SendAsync(server.Endpoint, "GET / HTTP/1.1\r\n\r\n"u8.ToArray(), noBody: false, Timeout, default);

        var response = exchange.Response!;
        Assert.Equal(("HTTP/1.1", 403, "Forbidden"), (response.Protocol, response.StatusCode, response.ReasonPhrase));
        Assert.Equal("text/plain", response.Header("content-type"));
        Assert.Equal("denie", Encoding.ASCII.GetString(response.Body));
    }

    [Fact]
    public async Task SendAsync_ChunkedResponse_Decoded()
    {
        await using var server = await RawKestrel.StartAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0b;ext=1\r\nhello world\r\n0\r\nTrailer: x\r\n\r\n");

        var exchange = await RawHttpClient.SendAsync(server.Endpoint, "GET / HTTP/1.1\r\n\r\n"u8.ToArray(), noBody: false, Timeout, default);

        Assert.Equal("abchello world", Encoding.ASCII.GetString(exchange.Response!.Body));
    }

    [Fact]
    public async Task SendAsync_InterimContinue_SkippedForFinalResponse()
    {
        await using var server = await RawKestrel.StartAsync("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");

        var exchange = await RawHttpClient.SendAsync(server.Endpoint, "POST / HTTP/1.1\r\n\r\n"u8.ToArray(), noBody: false, Timeout, default);

        Assert.Equal(201, exchange.Response!.StatusCode);
    }

    [Fact]
    public async Task SendAsync_HeadResponseWithLength_NoBodyAwaited()
    {
        await using var server = await RawKestrel.StartAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");

        var exchange = await RawHttpClient.SendAsync(server.Endpoint, "HEAD / HTTP/1.1\r\n\r\n"u8.ToArray(), noBody: true, Timeout, default);

        Assert.Equal(200, exchange.Response!.StatusCode);
        Assert.Empty(exchange.Response.Body);
    }

    [Fact]
    public async Task SendAsync_ServerClosesWithoutAnswer_ErrorNotResponse()
    {
        await using var server = await RawKestrel.StartAsync(null);

        var exchange = await RawHttpClient.SendAsync(server.Endpoint, "GET / \r\n\r\n"u8.ToArray(), noBody: false, Timeout, default);

        Assert.Null(exchange.Response);
        Assert.Contains("before a response", exchange.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AnswerIsNotHttp_ErrorNotResponse()
    {
        await using var server = await RawKestrel.StartAsync("hello from HTTP/0.9\r\n\r\n");

        var exchange = await RawHttpClient.SendAsync(server.Endpoint, "GET /\r\n\r\n"u8.ToArray(), noBody: false, Timeout, default);

        Assert.Null(exchange.Response);
        Assert.StartsWith("malformed HTTP response", exchange.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NoAnswerInTime_TimeoutError()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        var accept = listener.AcceptTcpClientAsync();

        // The deadline covers the connect too; 2 s leaves a busy CI machine time to connect (300 ms once did not).
        var exchange = await RawHttpClient.SendAsync(endpoint, "GET / HTTP/1.1\r\n\r\n"u8.ToArray(), noBody: false, TimeSpan.FromSeconds(2), default);

        using var accepted = await accept;
        Assert.Null(exchange.Response);
        Assert.StartsWith("no complete response within", exchange.Error, StringComparison.Ordinal);
    }
}
