using System.Globalization;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The entry point the engine calls in phase 2: applies the body size limits (SecRequestBodyLimit and, for every
/// processor but MULTIPART, SecRequestBodyNoFilesLimit, with Reject or ProcessPartial), then runs the chosen processor.
/// Never throws for anything in the body; every problem is reported through <see cref="RequestBodyResult"/>
/// (REQBODY_ERROR, INBOUND_DATA_ERROR). Stateless and thread-safe.
/// </summary>
internal static class RequestBodyProcessor
{
    /// <summary>Processes a body into a new result.</summary>
    public static RequestBodyResult Process(
        BodyProcessorKind kind,
        ReadOnlySpan<byte> body,
        string? contentType,
        BodyLimits limits,
        int existingArgumentCount = 0)
    {
        var result = new RequestBodyResult();
        Process(kind, body, contentType, limits, existingArgumentCount, result);
        return result;
    }

    /// <summary>
    /// Processes a body into <paramref name="result"/>, which is cleared first. <paramref name="contentType"/> is the
    /// request's Content-Type (the multipart boundary comes from it); <paramref name="existingArgumentCount"/> is the
    /// number of ARGS already present from the query string, since SecArgumentsLimit counts both.
    /// </summary>
    public static void Process(
        BodyProcessorKind kind,
        ReadOnlySpan<byte> body,
        string? contentType,
        BodyLimits limits,
        int existingArgumentCount,
        RequestBodyResult result)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(result);
        result.Clear();
        result.Processor = kind;

        var limit = kind == BodyProcessorKind.Multipart
            ? limits.RequestBodyLimit
            : Math.Min(limits.RequestBodyLimit, limits.RequestBodyNoFilesLimit);
        if (body.Length > limit)
        {
            body = body[..(int)limit];
            result.LimitOutcome = limits.LimitAction == BodyLimitAction.Reject ? BodyLimitOutcome.Rejected : BodyLimitOutcome.Truncated;
        }

        result.ProcessedLength = body.Length;
        var argumentBudget = Math.Max(0, limits.ArgumentsLimit - Math.Max(0, existingArgumentCount));
        switch (kind)
        {
            case BodyProcessorKind.UrlEncoded:
                ProcessUrlEncoded(body, limits, argumentBudget, result);
                break;
            case BodyProcessorKind.Multipart:
                MultipartBodyProcessor.Process(body, contentType, limits, argumentBudget, result);
                break;
            case BodyProcessorKind.Json:
                JsonBodyProcessor.Process(body, limits, argumentBudget, result);
                break;
            case BodyProcessorKind.Xml:
                XmlBodyProcessor.Process(body, limits, result);
                break;
            default:
                result.SetError("Unknown request body processor: " + kind.ToString());
                break;
        }
    }

    /// <summary>
    /// ModSecurity v3 sets no REQBODY_ERROR for URL-encoded bodies; we add one when SecArgumentsLimit drops arguments,
    /// as ModSecurity v2 does, so a payload hidden behind a thousand dummies is flagged.
    /// </summary>
    private static void ProcessUrlEncoded(ReadOnlySpan<byte> body, BodyLimits limits, int argumentBudget, RequestBodyResult result)
    {
        var parsed = UrlEncodedParser.Parse(body, (byte)limits.ArgumentSeparator, argumentBudget, limits.TextEncoding, result.ArgumentList);
        result.UrlEncodedError = parsed.InvalidEncoding;
        if (parsed.LimitExceeded)
        {
            result.ArgumentsLimitExceeded = true;
            result.SetError("URLENCODED parsing error: more arguments than SecArgumentsLimit allows ("
                + limits.ArgumentsLimit.ToString(CultureInfo.InvariantCulture) + ").");
        }
    }
}
