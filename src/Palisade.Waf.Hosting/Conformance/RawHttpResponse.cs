using System.Text;

namespace Palisade.Waf.Hosting.Conformance;

/// <summary>An HTTP/1.x response as read off the socket. <see cref="Raw"/> holds every byte received.</summary>
internal sealed record RawHttpResponse(
    string Protocol,
    int StatusCode,
    string ReasonPhrase,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    byte[] Raw)
{
    /// <summary>The whole response as text (Latin-1, one char per byte): what response_contains searches.</summary>
    public string RawText => Encoding.Latin1.GetString(Raw);

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}
