namespace Palisade.Waf.Hosting.Conformance;

/// <summary>The outcome of one raw request: a response, or the error go-ftw would have seen instead.</summary>
internal sealed record RawHttpExchange(RawHttpResponse? Response, string? Error)
{
    public static RawHttpExchange Failed(string error) => new(null, error);
}
