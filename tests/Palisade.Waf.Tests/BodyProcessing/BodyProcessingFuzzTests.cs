using System.Diagnostics;
using System.Text;
using Palisade.Waf.BodyProcessing;

namespace Palisade.Waf.Tests.BodyProcessing;

/// <summary>
/// Hostile and random bodies: every processor must answer (arguments or an error) without throwing, within memory and
/// time that grow with the body, not faster. The time bounds are tens of times what the work takes, so they only
/// catch a quadratic or unbounded path, never a slow machine.
/// </summary>
public sealed class BodyProcessingFuzzTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private static readonly byte[] MultipartSeed = Encoding.ASCII.GetBytes(
        "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.txt\"\r\nContent-Type: text/plain\r\n\r\nfile\r\n--b--\r\n");

    private static readonly byte[] JsonSeed = Encoding.UTF8.GetBytes("""{"a":[1,{"b":"c\u00e9"},[true,null]],"d":{"":-1.5e3}}""");

    private static readonly byte[] XmlSeed = Encoding.UTF8.GetBytes("""<?xml version="1.0"?><r a="1"><b c="&amp;">t<![CDATA[x]]></b><d/></r>""");

    private static readonly byte[] UrlEncodedSeed = Encoding.ASCII.GetBytes("a=1&b=%41%2&c+d=e+f&&=&g");

    private static readonly byte[][] Tokens = [.. new[] { "--b", "\r\n", "\n", "\"", "'", ";", "=", ":", "{", "}", "[", "]", ",", "<", ">", "/", "&", "%", "%0", "\\", "\\u", " ", "\t", "\v", "\0", "\u00ff", "--b--", "name=", "filename=", "<!DOCTYPE", "]]>", "&#", "\u00c3" }
        .Select(Encoding.Latin1.GetBytes)];

    [Theory]
    [InlineData((int)BodyProcessorKind.UrlEncoded)]
    [InlineData((int)BodyProcessorKind.Multipart)]
    [InlineData((int)BodyProcessorKind.Json)]
    [InlineData((int)BodyProcessorKind.Xml)]
    public void Process_MutatedAndRandomBodies_NeverThrowAndStayConsistent(int kindValue)
    {
        var kind = (BodyProcessorKind)kindValue;
        var seed = kind switch
        {
            BodyProcessorKind.Multipart => MultipartSeed,
            BodyProcessorKind.Json => JsonSeed,
            BodyProcessorKind.Xml => XmlSeed,
            _ => UrlEncodedSeed,
        };
        var random = new Random(20261129 + kindValue);
        var limits = BodyLimits.Default with { ArgumentsLimit = 50, MultipartPartLimit = 20, JsonDepthLimit = 16, XmlDepthLimit = 16 };
        var result = new RequestBodyResult();

        for (var round = 0; round < 3000; round++)
        {
            var body = round % 10 == 0 ? RandomBytes(random) : Mutate(seed, random);

            RequestBodyProcessor.Process(kind, body, "multipart/form-data; boundary=b", limits, 0, result);

            Assert.True(result.Arguments.Count <= limits.ArgumentsLimit);
            Assert.All(result.Files, f => Assert.InRange(f.ContentOffset + f.Size, 0, body.Length));
            Assert.Equal(result.HasError, result.ErrorMessage.Length > 0);
        }
    }

    [Fact]
    public void Process_HundredThousandUrlEncodedArguments_BoundedByLimit()
    {
        var body = Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 100_000).Select(i => $"n{i}=%41{i}")));

        var result = Timed(() => RequestBodyProcessor.Process(BodyProcessorKind.UrlEncoded, body, null, BodyLimits.Default with { RequestBodyNoFilesLimit = body.Length }));

        Assert.Equal(1000, result.Arguments.Count);
        Assert.True(result.ArgumentsLimitExceeded);
    }

    [Fact]
    public void Process_HugeMultipartWithManyTinyParts_StopsAtPartLimit()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            builder.Append("--b\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n");
        }

        builder.Append("--b--\r\n");
        var body = Encoding.ASCII.GetBytes(builder.ToString());

        var limits = BodyLimits.Default with { RequestBodyNoFilesLimit = body.Length, ArgumentsLimit = 5000 };

        var result = Timed(() => RequestBodyProcessor.Process(BodyProcessorKind.Multipart, body, "multipart/form-data; boundary=b", limits));

        Assert.Equal("Multipart parsing error: Multipart: More than 1000 parts (MultipartPartLimit).", result.ErrorMessage);
        Assert.Equal(1000, result.Arguments.Count);
    }

    [Fact]
    public void Process_TenMegabyteFileWithoutLineBreaks_LinearScan()
    {
        var body = new byte[10_000_000];
        Array.Fill(body, (byte)'x');
        var header = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big\"\r\n\r\n");
        header.CopyTo(body, 0);
        Encoding.ASCII.GetBytes("\r\n--b--\r\n").CopyTo(body, body.Length - 9);

        var result = Timed(() => RequestBodyProcessor.Process(BodyProcessorKind.Multipart, body, "multipart/form-data; boundary=b", BodyLimits.Default));

        Assert.False(result.HasError, result.ErrorMessage);
        Assert.Equal(10_000_000 - header.Length - 9, Assert.Single(result.Files).Size);
    }

    [Fact]
    public void Process_EndlessFoldedHeaderLines_Bounded()
    {
        var body = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data;\r\n" + string.Concat(Enumerable.Repeat(" x\r\n", 500_000)) + "\r\nv\r\n--b--\r\n");

        var result = Timed(() => RequestBodyProcessor.Process(BodyProcessorKind.Multipart, body, "multipart/form-data; boundary=b", BodyLimits.Default with { RequestBodyNoFilesLimit = body.Length }));

        Assert.True(result.HasError);
        Assert.True(result.MultipartPartHeaders.Count <= MultipartBodyProcessor.HeaderLineLimit);
    }

    [Fact]
    public void Process_DeepJsonAndDeepXml_RejectedAtDepthLimit()
    {
        var json = Encoding.ASCII.GetBytes(new string('[', 5_000_000));
        var xml = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<a>", 1_000_000)));
        var limits = BodyLimits.Default with { RequestBodyNoFilesLimit = 10_000_000 };

        var jsonResult = Timed(() => RequestBodyProcessor.Process(BodyProcessorKind.Json, json, null, limits));
        var xmlResult = Timed(() => RequestBodyProcessor.Process(BodyProcessorKind.Xml, xml, null, limits));

        Assert.Equal("JSON parsing error: JSON depth limit exceeded", jsonResult.ErrorMessage);
        Assert.StartsWith("XML parsing error:", xmlResult.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_WideJsonArray_StopsAtArgumentsLimit()
    {
        var json = Encoding.ASCII.GetBytes("[" + string.Join(',', Enumerable.Repeat("\"v\"", 1_000_000)) + "]");

        var result = Timed(() => RequestBodyProcessor.Process(BodyProcessorKind.Json, json, null, BodyLimits.Default with { RequestBodyNoFilesLimit = json.Length }));

        Assert.Equal(1000, result.Arguments.Count);
        Assert.True(result.ArgumentsLimitExceeded);
    }

    [Theory]
    [InlineData((int)BodyProcessorKind.UrlEncoded)]
    [InlineData((int)BodyProcessorKind.Multipart)]
    [InlineData((int)BodyProcessorKind.Json)]
    [InlineData((int)BodyProcessorKind.Xml)]
    public void Process_InvalidUtf8_AnsweredWithoutThrowing(int kindValue)
    {
        var random = new Random(7);
        var body = new byte[64 * 1024];
        random.NextBytes(body);
        for (var i = 0; i < body.Length; i += 3)
        {
            body[i] |= 0x80;
        }

        var result = Timed(() => RequestBodyProcessor.Process((BodyProcessorKind)kindValue, body, "multipart/form-data; boundary=b", BodyLimits.Default));

        Assert.Equal(result.HasError, result.ErrorMessage.Length > 0);
    }

    private static RequestBodyResult Timed(Func<RequestBodyResult> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = action();
        Assert.True(stopwatch.Elapsed < Generous, $"took {stopwatch.Elapsed}");
        return result;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 512)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var body = new List<byte>(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(0, body.Count + 1);
            switch (random.Next(5))
            {
                case 0 when body.Count > 0:
                    body[Math.Min(at, body.Count - 1)] = (byte)random.Next(256);
                    break;
                case 1:
                    body.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 2 when at < body.Count:
                    body.RemoveRange(at, Math.Min(random.Next(1, 16), body.Count - at));
                    break;
                case 3 when at < body.Count:
                    var length = Math.Min(random.Next(1, 64), body.Count - at);
                    body.InsertRange(random.Next(0, body.Count + 1), body.GetRange(at, length));
                    break;
                default:
                    body.RemoveRange(at, body.Count - at);
                    break;
            }
        }

        return [.. body];
    }
}
