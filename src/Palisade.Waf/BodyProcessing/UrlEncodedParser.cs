using System.Buffers;
using System.Text;

namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// Splits application/x-www-form-urlencoded text into arguments, for the request body (ARGS_POST) and the query string
/// (ARGS_GET) alike, with the semantics of ModSecurity v3's Transaction::extractArguments and
/// utils::urldecode_nonstrict_inplace (read in owasp-modsecurity/ModSecurity, src/transaction.cc and src/utils/decode.cc):
/// <list type="bullet">
/// <item>pieces are split on the separator like std::getline: empty pieces between separators and at the start are
/// kept (as an argument with empty name and value), a trailing empty piece is not;</item>
/// <item>each piece splits at its first '=' into name and value (no '=': the value is empty);</item>
/// <item>'+' becomes a space; %XX with two hex digits becomes that byte; any other '%' is kept as it is and raises
/// URLENCODED_ERROR.</item>
/// </list>
/// Allocates only the strings it adds; decoding uses pooled buffers.
/// </summary>
internal static class UrlEncodedParser
{
    /// <summary>
    /// Parses bytes (a request body) into <paramref name="destination"/>. <paramref name="maxArguments"/> is how many
    /// arguments may still be added; past it the rest are dropped, but still scanned for URLENCODED_ERROR as
    /// ModSecurity does.
    /// </summary>
    public static UrlEncodedParseResult Parse(
        ReadOnlySpan<byte> input,
        byte separator,
        int maxArguments,
        BodyTextEncoding encoding,
        List<BodyArgument> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var added = 0;
        var invalid = false;
        var limitExceeded = false;
        byte[]? scratch = null;
        try
        {
            var rest = input;
            while (!rest.IsEmpty)
            {
                var end = rest.IndexOf(separator);
                var piece = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];

                var equals = piece.IndexOf((byte)'=');
                var rawName = equals < 0 ? piece : piece[..equals];
                var rawValue = equals < 0 ? [] : piece[(equals + 1)..];
                if (added >= maxArguments)
                {
                    limitExceeded = true;
                    invalid |= HasInvalidEscape(rawName) || HasInvalidEscape(rawValue);
                    continue;
                }

                scratch ??= ArrayPool<byte>.Shared.Rent(Math.Max(16, input.Length));
                var name = Decode(rawName, scratch, encoding, ref invalid);
                var value = Decode(rawValue, scratch, encoding, ref invalid);
                destination.Add(new BodyArgument(name, value));
                added++;
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }

        return new UrlEncodedParseResult(added, invalid, limitExceeded);
    }

    /// <summary>
    /// Parses text (a query string). Chars up to U+00FF stand for bytes, as a raw request line does; anything above is
    /// taken as already decoded text and used as its UTF-8 bytes.
    /// </summary>
    public static UrlEncodedParseResult Parse(
        ReadOnlySpan<char> input,
        char separator,
        int maxArguments,
        BodyTextEncoding encoding,
        List<BodyArgument> destination)
    {
        if (input.IsEmpty)
        {
            return default;
        }

        if (separator is '\0' or > '\u00FF')
        {
            throw new ArgumentOutOfRangeException(nameof(separator), separator, "The argument separator must be one byte (U+0001 to U+00FF).");
        }

        var isBytes = !input.ContainsAnyExceptInRange('\0', '\u00FF');
        var byteCount = isBytes ? input.Length : Encoding.UTF8.GetByteCount(input);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = isBytes ? Encoding.Latin1.GetBytes(input, rented) : Encoding.UTF8.GetBytes(input, rented);
            return Parse(rented.AsSpan(0, written), (byte)separator, maxArguments, encoding, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string Decode(ReadOnlySpan<byte> raw, byte[] scratch, BodyTextEncoding encoding, ref bool invalid)
    {
        if (raw.IndexOfAny((byte)'%', (byte)'+') < 0)
        {
            return ByteStrings.FromBytes(raw, encoding);
        }

        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '%')
            {
                if (i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
                {
                    scratch[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                    i += 2;
                }
                else
                {
                    scratch[length++] = b;
                    invalid = true;
                }
            }
            else
            {
                scratch[length++] = b == '+' ? (byte)' ' : b;
            }
        }

        return ByteStrings.FromBytes(scratch.AsSpan(0, length), encoding);
    }

    private static bool HasInvalidEscape(ReadOnlySpan<byte> raw)
    {
        for (var i = raw.IndexOf((byte)'%'); i >= 0 && i < raw.Length; i++)
        {
            if (raw[i] != '%')
            {
                continue;
            }

            if (i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                i += 2;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
