using System.Text;
using Palisade.Waf.Hosting.Conformance;

namespace Palisade.Waf.Hosting.Tests.Conformance;

public sealed class FtwRequestBuilderTests
{
    [Fact]
    public void Build_Defaults_GetRootHttp11WithSortedHeadersAndConnectionClose()
    {
        var request = Build(new FtwInput { Headers = new() { ["User-Agent"] = "ua", ["Host"] = "localhost", ["accept"] = "*/*" } });

        Assert.Equal("GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: ua\r\naccept: */*\r\nConnection: close\r\n\r\n", request);
    }

    [Fact]
    public void Build_UnescapedFormData_EscapedPairByPairAsGoQueryEscape()
    {
        var request = Build(new FtwInput { Method = "POST", Data = "a=b c&d=<x>/&flag" });

        Assert.Equal(
            "POST / HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\nContent-Length: 23\r\n\r\na=b+c&d=%3Cx%3E%2F&flag",
            request);
    }

    [Fact]
    public void Build_FormDataWithPercent_SentAsGiven()
    {
        var request = Build(new FtwInput { Method = "POST", Data = "a=%27 or 1" });

        Assert.EndsWith("Content-Length: 10\r\n\r\na=%27 or 1", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MultipartData_EveryLfBecomesCrlf()
    {
        var request = Build(new FtwInput
        {
            Method = "POST",
            Headers = new() { ["Content-Type"] = "multipart/form-data; boundary=x" },
            Data = "--x\nContent-Disposition: form-data; name=\"a\"\n\nv\n--x--\n",
        });

        var body = request[(request.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        Assert.Equal("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--x--\r\n", body);
        Assert.Contains($"Content-Length: {body.Length}\r\n", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_AutocompleteOff_NothingAdded()
    {
        var request = Build(new FtwInput { Method = "POST", AutocompleteHeaders = false, Headers = new() { ["Host"] = "h" }, Data = "a b" });

        Assert.Equal("POST / HTTP/1.1\r\nHost: h\r\n\r\na b", request);
    }

    [Fact]
    public void Build_StopMagic_MeansNoAutocomplete()
    {
        Assert.Equal("GET / HTTP/1.1\r\n\r\n", Build(new FtwInput { StopMagic = true }));
    }

    [Fact]
    public void Build_PostWithoutData_ContentLengthZero()
    {
        Assert.Equal("POST /p HTTP/1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", Build(new FtwInput { Method = "POST", Uri = "/p" }));
    }

    [Fact]
    public void Build_EmptyVersionAndMalformedTarget_WrittenAsGiven()
    {
        Assert.StartsWith("GET \\index.html \r\n", Build(new FtwInput { Uri = "\\index.html", Version = "" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EncodedRequest_SentVerbatim()
    {
        var raw = "  GET /x HTTP/1.1\nHost: a\n\n"u8.ToArray();

        var request = FtwRequestBuilder.Build(new FtwInput { EncodedRequest = Convert.ToBase64String(raw), Headers = new() { ["Ignored"] = "1" } });

        Assert.Equal(raw, request);
    }

    [Fact]
    public void Build_RepeatTemplate_Expanded()
    {
        var request = Build(new FtwInput { Method = "POST", Headers = new() { ["Content-Type"] = "text/plain" }, Data = "<{{ \"ab\" | repeat 3 }}>" });

        Assert.EndsWith("Content-Length: 8\r\n\r\n<ababab>", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnsupportedTemplate_Refused()
    {
        var error = Assert.Throws<FormatException>(() => FtwRequestBuilder.Build(new FtwInput { Data = "{{ now }}" }));

        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_Https_RefusedWithReason()
    {
        var error = Assert.Throws<NotSupportedException>(() => FtwRequestBuilder.Build(new FtwInput { Protocol = "https" }));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildMarker_GoFtwMarkerRequest()
    {
        var marker = Encoding.UTF8.GetString(FtwRequestBuilder.BuildMarker("X-CRS-Test", "id-s", "localhost"));

        Assert.Equal("GET /status/200 HTTP/1.1\r\nAccept: */*\r\nHost: localhost\r\nUser-Agent: go-ftw test agent\r\nX-CRS-Test: id-s\r\nConnection: close\r\n\r\n", marker);
    }

    private static string Build(FtwInput input) => Encoding.UTF8.GetString(FtwRequestBuilder.Build(input));
}
