namespace Palisade.Waf.Hosting.Echo;

/// <summary>
/// The Content-Type Go's net/http gives a response whose handler set none (http.DetectContentType), which is what
/// CRS's albedo backend relies on: a reflected "&lt;html&gt;…" body goes out as text/html, plain text as text/plain,
/// and the WAF inspects the body only for those types. A subset of the WHATWG MIME Sniffing Standard §7.1 ("Identifying
/// a resource with an unknown MIME type"): the HTML and XML patterns, a few binary signatures, and the binary-byte test.
/// </summary>
internal static class ContentTypeSniffer
{
    public const string TextPlain = "text/plain; charset=utf-8";
    public const string TextHtml = "text/html; charset=utf-8";
    public const string OctetStream = "application/octet-stream";

    /// <summary>The WHATWG spec looks at the first 512 bytes.</summary>
    private const int SniffLength = 512;

    /// <summary>HTML patterns: each must be followed by a space or '>' ("tag-terminating byte").</summary>
    private static readonly string[] HtmlTags =
    [
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
        "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--",
    ];

    public static string Detect(ReadOnlySpan<byte> content)
    {
        content = content[..Math.Min(content.Length, SniffLength)];
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "text/plain; charset=utf-16be";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return "text/plain; charset=utf-16le";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return TextPlain;
        }

        var text = content.TrimStart(" \t\n\f\r"u8);
        foreach (var tag in HtmlTags)
        {
            if (text.Length > tag.Length && StartsWithIgnoringCase(text, tag) && text[tag.Length] is (byte)' ' or (byte)'>')
            {
                return TextHtml;
            }
        }

        if (text.StartsWith("<?xml"u8))
        {
            return "text/xml; charset=utf-8";
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        foreach (var b in content)
        {
            // WHATWG "binary data byte": 0x00–0x08, 0x0B, 0x0E–0x1A, 0x1C–0x1F.
            if (b is <= 0x08 or 0x0B or (>= 0x0E and <= 0x1A) or (>= 0x1C and <= 0x1F))
            {
                return OctetStream;
            }
        }

        return TextPlain;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> text, string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            if (char.ToUpperInvariant((char)text[i]) != pattern[i])
            {
                return false;
            }
        }

        return true;
    }
}
