using System.Text;

namespace Palisade.Waf.Transformations;

/// <summary>
/// The WAF's text representation: every value the engine inspects is a "byte string", one <see cref="char"/> per
/// byte (0–255, ISO-8859-1 style), exactly the bytes ModSecurity sees. Transformations and operators work on that
/// form, so %-decoding, UTF-8 checks and byte-range checks keep ModSecurity's byte semantics. Rule text (read from
/// UTF-8 files) is converted once, at compile time, with <see cref="FromRuleText"/>.
/// </summary>
public static class ByteText
{
    /// <summary>Bytes to a byte string (each byte becomes the char of the same value).</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>
    /// Text as written in a rule or data file — or any text a host decoded from UTF-8, such as Kestrel's header values —
    /// to the byte string ModSecurity would compare against: its UTF-8 bytes. ASCII text comes back unchanged (and is
    /// not copied).
    /// </summary>
    public static string FromRuleText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyExcept(CharacterSets.Ascii))
        {
            return text;
        }

        return Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>A byte string back to its bytes; a char above 255 (not a byte string) keeps its low byte.</summary>
    public static byte[] ToBytes(ReadOnlySpan<char> text)
    {
        var bytes = new byte[text.Length];
        CopyToBytes(text, bytes);
        return bytes;
    }

    /// <summary>Writes the bytes of <paramref name="text"/> to <paramref name="destination"/> (at least as long).</summary>
    public static void CopyToBytes(ReadOnlySpan<char> text, Span<byte> destination)
    {
        for (var i = 0; i < text.Length; i++)
        {
            destination[i] = (byte)text[i];
        }
    }
}
