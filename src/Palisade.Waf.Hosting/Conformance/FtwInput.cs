namespace Palisade.Waf.Hosting.Conformance;

/// <summary>
/// The request of a stage. Null means "not given": go-ftw's defaults then apply (GET, "/", HTTP/1.1, headers
/// completed). dest_addr and port are read but ignored: the runner sends every stage to its own in-process host.
/// </summary>
internal sealed class FtwInput
{
    public string? DestAddr { get; init; }

    public int? Port { get; init; }

    public string? Protocol { get; init; }

    public string? Method { get; init; }

    public string? Uri { get; init; }

    /// <summary>Several URIs for one stage; not used by CRS and not supported (the stage fails saying so).</summary>
    public List<string>? Uris { get; init; }

    public string? Version { get; init; }

    /// <summary>A map in the YAML; go-ftw sends the headers sorted by name (NewHeaderFromMap), and so do we.</summary>
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>The body; may contain go-ftw's template <c>{{ "x" | repeat N }}</c>.</summary>
    public string? Data { get; init; }

    /// <summary>The body as base64, sent verbatim.</summary>
    public string? EncodedData { get; init; }

    /// <summary>The whole request (request line, headers, body) as base64, sent verbatim.</summary>
    public string? EncodedRequest { get; init; }

    /// <summary>Deprecated alias of <see cref="EncodedRequest"/>.</summary>
    public string? RawRequest { get; init; }

    /// <summary>Default true: add Content-Type (form) for data, Content-Length, and "Connection: close".</summary>
    public bool? AutocompleteHeaders { get; init; }

    /// <summary>Deprecated inverse of <see cref="AutocompleteHeaders"/>.</summary>
    public bool? StopMagic { get; init; }

    /// <summary>Accepted and ignored: go-ftw does not send saved cookies either (a TODO in its BuildRequest).</summary>
    public bool? SaveCookie { get; init; }

    /// <summary>Not used by CRS and not supported (the stage fails saying so).</summary>
    public bool? FollowRedirect { get; init; }

    public bool? VirtualHostMode { get; init; }

    /// <summary>go-ftw's own albedo response description; CRS posts to /reflect instead. Not supported.</summary>
    public Dictionary<string, object>? Response { get; init; }

    /// <summary>Whether go-ftw completes the headers: autocomplete_headers, else the inverse of stop_magic, else true.</summary>
    public bool CompletesHeaders => AutocompleteHeaders ?? (StopMagic is { } stop ? !stop : true);
}
