namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The canonical processor names (the value of REQBODY_PROCESSOR and of ctl:requestBodyProcessor=…), and the choice
/// ModSecurity v3 makes from the Content-Type header before any rule runs.
/// </summary>
internal static class BodyProcessorNames
{
    public const string UrlEncoded = "URLENCODED";
    public const string Multipart = "MULTIPART";
    public const string Json = "JSON";
    public const string Xml = "XML";

    public static string ToName(BodyProcessorKind kind) => kind switch
    {
        BodyProcessorKind.UrlEncoded => UrlEncoded,
        BodyProcessorKind.Multipart => Multipart,
        BodyProcessorKind.Json => Json,
        BodyProcessorKind.Xml => Xml,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown body processor."),
    };

    /// <summary>Parses a ctl:requestBodyProcessor value; ModSecurity accepts the names in any case.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out BodyProcessorKind kind)
    {
        if (name.Equals(UrlEncoded, StringComparison.OrdinalIgnoreCase))
        {
            kind = BodyProcessorKind.UrlEncoded;
            return true;
        }

        if (name.Equals(Multipart, StringComparison.OrdinalIgnoreCase))
        {
            kind = BodyProcessorKind.Multipart;
            return true;
        }

        if (name.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            kind = BodyProcessorKind.Json;
            return true;
        }

        if (name.Equals(Xml, StringComparison.OrdinalIgnoreCase))
        {
            kind = BodyProcessorKind.Xml;
            return true;
        }

        kind = default;
        return false;
    }

    /// <summary>
    /// The processor ModSecurity v3 picks from the Content-Type alone (Transaction::addRequestHeader): a
    /// case-insensitive prefix "multipart/form-data" or "application/x-www-form-urlencoded"; anything else gets no
    /// processor until a rule sets one with ctl:requestBodyProcessor (the recommended base configuration does so for
    /// XML and JSON).
    /// </summary>
    public static BodyProcessorKind? FromContentType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return BodyProcessorKind.Multipart;
        }

        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return BodyProcessorKind.UrlEncoded;
        }

        return null;
    }
}
