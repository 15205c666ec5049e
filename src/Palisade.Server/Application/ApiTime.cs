using System.Globalization;

namespace Palisade.Server.Application;

/// <summary>Times on the wire: UTC, ISO 8601, to the second, as the cloud API writes them.</summary>
internal static class ApiTime
{
    public static string Format(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTime? utc) => utc is { } value ? Format(value) : null;

    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;
}
