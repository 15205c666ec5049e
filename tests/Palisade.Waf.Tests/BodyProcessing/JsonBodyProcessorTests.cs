using System.Text;
using Palisade.Waf.BodyProcessing;

namespace Palisade.Waf.Tests.BodyProcessing;

public sealed class JsonBodyProcessorTests
{
    private static RequestBodyResult Process(string json, BodyLimits? limits = null, int existingArguments = 0) =>
        RequestBodyProcessor.Process(BodyProcessorKind.Json, Encoding.UTF8.GetBytes(json), "application/json", limits ?? BodyLimits.Default, existingArguments);

    private static string Names(RequestBodyResult result) => string.Join(" | ", result.Arguments.Select(a => $"{a.Name}={a.Value}"));

    [Theory]
    [InlineData("""{"a":"x","b":{"c":"y"}}""", "json.a=x | json.b.c=y")]
    [InlineData("""{"a":[1,2]}""", "json.a.array_0=1 | json.a.array_1=2")]
    [InlineData("""[1,"two"]""", "json.array_0=1 | json.array_1=two")]
    [InlineData("""[[1,2],[3]]""", "json.array_0.array_0=1 | json.array_0.array_1=2 | json.array_1.array_0=3")]
    [InlineData("""{"a":[{"b":1},{"c":2},3]}""", "json.a.array_0.b=1 | json.a.array_1.c=2 | json.a.array_2=3")]
    [InlineData("""[{"k":"v"}]""", "json.array_0.k=v")]
    [InlineData("""{"":1,"e":{"":{"x":2}}}""", "json.empty-key=1 | json.e.empty-key.x=2")]
    [InlineData("\"scalar\"", "json=scalar")]
    [InlineData("42", "json=42")]
    [InlineData("""{"a":{},"b":[],"c":"after"}""", "json.c=after")]
    [InlineData("""{ "; select": "foo" }""", "json.; select=foo")]
    public void Process_Structures_NamedAsModSecurity(string json, string expected)
    {
        var result = Process(json);

        Assert.False(result.HasError, result.ErrorMessage);
        Assert.Equal(expected, Names(result));
    }

    [Fact]
    public void Process_ScalarKinds_RenderedAsModSecurity()
    {
        var result = Process("""{"i":-12,"f":1.50e3,"t":true,"n":null,"s":"q\"\\\/\u0041\n"}""");

        Assert.Equal(
            [new("json.i", "-12"), new("json.f", "1.50e3"), new("json.t", "true"), new("json.n", ""), new("json.s", "q\"\\/A\n")],
            result.Arguments);
        Assert.False(result.ArgumentsArePostArguments);
    }

    [Fact]
    public void Process_NonAsciiEscapes_BecomeUtf8Bytes()
    {
        var result = Process("""{"k\u00e9":"\u20ac"}""");

        Assert.Equal(new BodyArgument("json.k\u00C3\u00A9", "\u00E2\u0082\u00AC"), Assert.Single(result.Arguments));
    }

    [Fact]
    public void Process_Utf8Encoding_KeepsUnicode()
    {
        var result = Process("""{"k\u00e9":"€"}""", BodyLimits.Default with { TextEncoding = BodyTextEncoding.Utf8 });

        Assert.Equal(new BodyArgument("json.ké", "€"), Assert.Single(result.Arguments));
    }

    [Theory]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{"a":1} x""")]
    [InlineData("""{"a":""")]
    [InlineData("   ")]
    [InlineData("{'a':1}")]
    [InlineData("""{"a":1 /* c */}""")]
    public void Process_InvalidJson_RequestBodyError(string json)
    {
        var result = Process(json);

        Assert.True(result.HasError);
        Assert.StartsWith(JsonBodyProcessor.ErrorPrefix, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_ErrorMidway_ArgumentsBeforeItKept()
    {
        var result = Process("""{"a":"kept","b":tru}""");

        Assert.True(result.HasError);
        Assert.Equal([new("json.a", "kept")], result.Arguments);
    }

    [Fact]
    public void Process_EmptyBody_NoError()
    {
        var result = Process("");

        Assert.False(result.HasError);
        Assert.Empty(result.Arguments);
    }

    [Fact]
    public void Process_InvalidUtf8InString_Error()
    {
        var body = new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' };

        var result = RequestBodyProcessor.Process(BodyProcessorKind.Json, body, "application/json", BodyLimits.Default);

        Assert.Equal("JSON parsing error: invalid bytes in UTF8 string.", result.ErrorMessage);
    }

    [Fact]
    public void Process_NestingAtTheLimit_Accepted()
    {
        var result = Process("""{"a":{"b":{"c":1}}}""", BodyLimits.Default with { JsonDepthLimit = 3 });

        Assert.False(result.HasError, result.ErrorMessage);
        Assert.Equal("json.a.b.c=1", Names(result));
    }

    [Fact]
    public void Process_NestingPastTheLimit_DepthError()
    {
        var result = Process("""{"x":0,"a":{"b":{"c":{"d":1}}}}""", BodyLimits.Default with { JsonDepthLimit = 3 });

        Assert.Equal("JSON parsing error: JSON depth limit exceeded", result.ErrorMessage);
        Assert.Equal("json.x=0", Names(result));
    }

    [Fact]
    public void Process_MillionOpenBrackets_DepthErrorWithoutRecursion()
    {
        var result = Process(new string('[', 1_000_000));

        Assert.Equal("JSON parsing error: JSON depth limit exceeded", result.ErrorMessage);
    }

    [Fact]
    public void Process_MoreValuesThanArgumentsLimit_StopsWithError()
    {
        var json = "[" + string.Join(',', Enumerable.Range(0, 5000)) + "]";

        var result = Process(json, BodyLimits.Default with { ArgumentsLimit = 100 }, existingArguments: 10);

        Assert.Equal(90, result.Arguments.Count);
        Assert.True(result.ArgumentsLimitExceeded);
        Assert.Equal("JSON parsing error: more arguments than SecArgumentsLimit allows (100).", result.ErrorMessage);
    }

    [Fact]
    public void Process_LongKeysAndDeepPaths_PathBufferGrows()
    {
        var key = new string('k', 3000);
        var json = string.Concat(Enumerable.Repeat($"{{\"{key}\":", 20)) + "1" + new string('}', 20);

        var result = Process(json);

        Assert.Equal("json." + string.Join('.', Enumerable.Repeat(key, 20)), Assert.Single(result.Arguments).Name);
    }
}
