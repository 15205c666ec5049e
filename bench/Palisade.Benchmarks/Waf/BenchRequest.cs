namespace Palisade.Benchmarks.Waf;

/// <summary>
/// One HTTP exchange as both engines receive it: the request exactly as sent (raw target, headers in order, body
/// bytes) and the response headers the backend answers with. The engines see identical input.
/// </summary>
internal sealed record BenchRequest(
    string Name,
    string Method,
    string Target,
    string Protocol,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    int ResponseStatus,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders)
{
    public const string ClientAddress = "198.18.0.10";
    public const int ClientPort = 51324;
    public const string ServerAddress = "198.18.0.1";
    public const int ServerPort = 443;

    /// <summary>"1.1" from "HTTP/1.1": the form ModSecurity's connectors pass to msc_process_uri.</summary>
    public string HttpVersion => Protocol.StartsWith("HTTP/", StringComparison.Ordinal) ? Protocol["HTTP/".Length..] : Protocol;

    /// <summary>Bytes of the request as it would cross the wire (request line, headers, body), for the summary line.</summary>
    public int WireSize =>
        $"{Method} {Target} {Protocol}\r\n".Length + Headers.Sum(h => h.Key.Length + 2 + h.Value.Length + 2) + 2 + Body.Length;
}
