using System.Text;
using Palisade.Waf.BodyProcessing;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.BodyProcessing;

public sealed class RequestBodyProcessorTests
{
    [Fact]
    public void Process_UrlEncodedBody_ArgumentsAndUrlEncodedError()
    {
        var result = RequestBodyProcessor.Process(BodyProcessorKind.UrlEncoded, "a=1&b=%zz"u8, "application/x-www-form-urlencoded", BodyLimits.Default);

        Assert.Equal(BodyProcessorKind.UrlEncoded, result.Processor);
        Assert.Equal([new("a", "1"), new("b", "%zz")], result.Arguments);
        Assert.True(result.ArgumentsArePostArguments);
        Assert.True(result.UrlEncodedError);
        Assert.False(result.HasError);
        Assert.Equal(BodyLimitOutcome.WithinLimits, result.LimitOutcome);
    }

    [Fact]
    public void Process_UrlEncodedPastArgumentsLimit_ErrorCountsQueryArguments()
    {
        var result = RequestBodyProcessor.Process(BodyProcessorKind.UrlEncoded, "a=1&b=2&c=3"u8, null, BodyLimits.Default with { ArgumentsLimit = 4 }, existingArgumentCount: 2);

        Assert.Equal([new("a", "1"), new("b", "2")], result.Arguments);
        Assert.True(result.ArgumentsLimitExceeded);
        Assert.Equal("URLENCODED parsing error: more arguments than SecArgumentsLimit allows (4).", result.ErrorMessage);
    }

    [Theory]
    [InlineData((int)BodyLimitAction.Reject, (int)BodyLimitOutcome.Rejected)]
    [InlineData((int)BodyLimitAction.ProcessPartial, (int)BodyLimitOutcome.Truncated)]
    public void Process_BodyOverRequestBodyLimit_PrefixParsedAndOutcomeReported(int action, int outcome)
    {
        var limits = BodyLimits.Default with { RequestBodyLimit = 7, LimitAction = (BodyLimitAction)action };

        var result = RequestBodyProcessor.Process(BodyProcessorKind.UrlEncoded, "a=1&b=2&c=3"u8, null, limits);

        Assert.Equal((BodyLimitOutcome)outcome, result.LimitOutcome);
        Assert.True(result.InboundDataError);
        Assert.Equal(7, result.ProcessedLength);
        Assert.Equal([new("a", "1"), new("b", "2")], result.Arguments);
    }

    [Fact]
    public void Process_JsonOverNoFilesLimit_TruncatedPrefixIsInvalidJson()
    {
        var limits = BodyLimits.Default with { RequestBodyNoFilesLimit = 8, LimitAction = BodyLimitAction.ProcessPartial };

        var result = RequestBodyProcessor.Process(BodyProcessorKind.Json, """{"a":"long value"}"""u8, "application/json", limits);

        Assert.Equal(BodyLimitOutcome.Truncated, result.LimitOutcome);
        Assert.True(result.HasError);
    }

    [Fact]
    public void Process_MultipartIgnoresNoFilesLimitForTheWholeBody()
    {
        var body = Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n" + new string('z', 500) + "\r\n--b--\r\n");
        var limits = BodyLimits.Default with { RequestBodyNoFilesLimit = 100 };

        var result = RequestBodyProcessor.Process(BodyProcessorKind.Multipart, body, "multipart/form-data; boundary=b", limits);

        Assert.Equal(BodyLimitOutcome.WithinLimits, result.LimitOutcome);
        Assert.Equal(500, Assert.Single(result.Files).Size);
    }

    [Fact]
    public void Process_ReusedResult_ClearedBetweenBodies()
    {
        var result = new RequestBodyResult();
        RequestBodyProcessor.Process(BodyProcessorKind.Json, "[1,"u8, null, BodyLimits.Default, 0, result);
        Assert.True(result.HasError);

        RequestBodyProcessor.Process(BodyProcessorKind.UrlEncoded, "x=y"u8, null, BodyLimits.Default, 0, result);

        Assert.False(result.HasError);
        Assert.Equal([new("x", "y")], result.Arguments);
        Assert.Null(result.Xml);
        Assert.Equal(BodyProcessorKind.UrlEncoded, result.Processor);
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=x", "MULTIPART")]
    [InlineData("MULTIPART/FORM-DATA", "MULTIPART")]
    [InlineData("application/x-www-form-urlencoded; charset=UTF-8", "URLENCODED")]
    [InlineData("application/json", null)]
    [InlineData("text/xml", null)]
    [InlineData(null, null)]
    public void FromContentType_ModSecurityDefaults(string? contentType, string? expected)
    {
        var kind = BodyProcessorNames.FromContentType(contentType);

        Assert.Equal(expected, kind is null ? null : BodyProcessorNames.ToName(kind.Value));
    }

    [Theory]
    [InlineData("URLENCODED", (int)BodyProcessorKind.UrlEncoded)]
    [InlineData("multipart", (int)BodyProcessorKind.Multipart)]
    [InlineData("Json", (int)BodyProcessorKind.Json)]
    [InlineData("XML", (int)BodyProcessorKind.Xml)]
    public void TryParse_ProcessorNames_RoundTrip(string name, int kind)
    {
        Assert.True(BodyProcessorNames.TryParse(name, out var parsed));
        Assert.Equal((BodyProcessorKind)kind, parsed);
        Assert.Equal(name.ToUpperInvariant(), BodyProcessorNames.ToName(parsed));
    }

    [Fact]
    public void TryParse_UnknownName_False()
    {
        Assert.False(BodyProcessorNames.TryParse("YAML", out _));
    }

    [Fact]
    public void From_EngineSettings_SetValuesOverrideDefaults()
    {
        var settings = new EngineSettings
        {
            RequestBodyLimit = 1000,
            RequestBodyLimitAction = BodyLimitAction.ProcessPartial,
            ArgumentsLimit = 5,
            RequestBodyJsonDepthLimit = 7,
            ArgumentSeparator = ';',
        };

        var limits = BodyLimits.From(settings);

        Assert.Equal(
            BodyLimits.Default with { RequestBodyLimit = 1000, LimitAction = BodyLimitAction.ProcessPartial, ArgumentsLimit = 5, JsonDepthLimit = 7, ArgumentSeparator = ';' },
            limits);
        Assert.Equal(BodyLimits.Default, BodyLimits.From(new EngineSettings()));
    }

    [Fact]
    public void Validate_Defaults_NoErrors()
    {
        Assert.Empty(BodyLimitsValidator.Validate(BodyLimits.Default));
    }

    [Fact]
    public void Validate_BadValues_EveryErrorAtOnce()
    {
        var limits = BodyLimits.Default with { RequestBodyLimit = 0, ArgumentsLimit = -1, JsonDepthLimit = 0, ArgumentSeparator = '\u20AC' };

        var errors = BodyLimitsValidator.Validate(limits);

        Assert.Equal(4, errors.Count);
        Assert.Contains("SecRequestBodyLimit: 0 is not accepted; expected a whole number of at least 1.", errors);
        Assert.Contains("SecArgumentsLimit: -1 is not accepted; expected a whole number of at least 1.", errors);
        Assert.Contains(errors, e => e.StartsWith("SecRequestBodyJsonDepthLimit: 0", StringComparison.Ordinal));
        Assert.Contains("SecArgumentSeparator: U+20AC is not accepted; expected one character between U+0001 and U+00FF.", errors);
    }
}
