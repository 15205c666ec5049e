namespace Palisade.Waf.BodyProcessing;

/// <summary>How the bytes of names and values become .NET strings.</summary>
internal enum BodyTextEncoding
{
    /// <summary>
    /// One char per byte (U+0000–U+00FF): lossless, and what ModSecurity's byte-oriented operators see. UTF-8 text
    /// appears as its bytes ("é" becomes "\u00C3\u00A9"), exactly as PCRE without UTF mode sees it.
    /// </summary>
    Latin1Bytes,

    /// <summary>Bytes decoded as UTF-8; invalid sequences become U+FFFD (lossy).</summary>
    Utf8,
}
