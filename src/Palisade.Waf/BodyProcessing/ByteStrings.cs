using System.Buffers;
using System.Text;

namespace Palisade.Waf.BodyProcessing;

/// <summary>The one place where body bytes become strings, so every processor follows <see cref="BodyTextEncoding"/> alike.</summary>
internal static class ByteStrings
{
    public static string FromBytes(ReadOnlySpan<byte> bytes, BodyTextEncoding encoding)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }

        return encoding == BodyTextEncoding.Latin1Bytes ? Encoding.Latin1.GetString(bytes) : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// Text that was already decoded (XML): kept as is for <see cref="BodyTextEncoding.Utf8"/>, and turned into its
    /// UTF-8 bytes, one char each, for <see cref="BodyTextEncoding.Latin1Bytes"/> (what libxml2 hands ModSecurity).
    /// </summary>
    public static string FromText(string text, BodyTextEncoding encoding)
    {
        if (encoding == BodyTextEncoding.Utf8 || Ascii.IsValid(text))
        {
            return text;
        }

        var byteCount = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return Encoding.Latin1.GetString(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>A Latin-1 byte string (as multipart headers are held while parsing) in the requested encoding.</summary>
    public static string FromLatin1Text(string latin1, BodyTextEncoding encoding)
    {
        if (encoding == BodyTextEncoding.Latin1Bytes || Ascii.IsValid(latin1))
        {
            return latin1;
        }

        var rented = ArrayPool<byte>.Shared.Rent(latin1.Length);
        try
        {
            var written = Encoding.Latin1.GetBytes(latin1, rented);
            return Encoding.UTF8.GetString(rented.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
