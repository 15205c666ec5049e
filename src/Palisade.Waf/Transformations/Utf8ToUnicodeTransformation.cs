using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:utf8toUnicode (libmodsecurity v3 utf8_to_unicode.cc): each well-formed UTF-8 sequence of 2–4 bytes becomes
/// "%u" and the code point in lower-case hex (at least four digits). The quirks are kept: a lead byte whose sequence
/// is broken is dropped (the bytes after it are then read on their own), an overlong or surrogate sequence is
/// followed by its lead byte again, a lead byte of F5–F7 is written before its sequence, stray continuation bytes
/// and F8–FF stay, and NUL bytes are dropped (the C code writes them without advancing).
/// </summary>
internal sealed class Utf8ToUnicodeTransformation() : Transformation(TransformationName.Utf8ToUnicode)
{
    // A 4-byte sequence can produce 1 + "%u" + 6 digits + 1 characters: 10 for 4 input bytes; 2-byte ones 7 for 2.
    internal override int MaxOutputLength(int inputLength) => checked((inputLength * 4) + 8);

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAnyExcept(CharacterSets.AsciiWithoutNul);
        if (first < 0)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        var d = first;
        var i = first;
        while (i < input.Length)
        {
            var c = input[i];
            var length = 0;
            var codePoint = 0;
            if (c < 0x80)
            {
                if (c != '\0')
                {
                    destination[d++] = c;
                }
            }
            else if (c > 0xFF)
            {
                // Not a byte: the value is not a byte string, so there is no UTF-8 to read.
                destination[d++] = c;
            }
            else if ((c & 0xE0) == 0xC0)
            {
                if (IsContinuation(input, i + 1))
                {
                    length = 2;
                    codePoint = ((c & 0x1F) << 6) | (input[i + 1] & 0x3F);
                }
            }
            else if ((c & 0xF0) == 0xE0)
            {
                if (IsContinuation(input, i + 1) && IsContinuation(input, i + 2))
                {
                    length = 3;
                    codePoint = ((c & 0x0F) << 12) | ((input[i + 1] & 0x3F) << 6) | (input[i + 2] & 0x3F);
                }
            }
            else if ((c & 0xF8) == 0xF0)
            {
                if (c >= 0xF5)
                {
                    destination[d++] = c;
                }

                if (IsContinuation(input, i + 1) && IsContinuation(input, i + 2) && IsContinuation(input, i + 3))
                {
                    length = 4;
                    codePoint = ((c & 0x07) << 18) | ((input[i + 1] & 0x3F) << 12) | ((input[i + 2] & 0x3F) << 6) | (input[i + 3] & 0x3F);
                }
            }
            else
            {
                destination[d++] = c;
            }

            if (length > 0)
            {
                d += WriteCodePoint(codePoint, destination[d..]);
                if (codePoint is >= 0xD800 and <= 0xDFFF)
                {
                    destination[d++] = c;
                }

                var overlong = (length == 4 && codePoint < 0x10000) || (length == 3 && codePoint < 0x800) || (length == 2 && codePoint < 0x80);
                if (overlong)
                {
                    destination[d++] = c;
                }

                i += length;
            }
            else
            {
                i++;
            }
        }

        written = d;
        return !destination[..d].SequenceEqual(input);
    }

    private static bool IsContinuation(ReadOnlySpan<char> input, int index) => index < input.Length && (input[index] & 0xC0) == 0x80 && input[index] <= 0xFF;

    /// <summary>"%u" then the code point as printf("%x") would, zero-padded to four digits.</summary>
    private static int WriteCodePoint(int codePoint, Span<char> destination)
    {
        destination[0] = '%';
        destination[1] = 'u';
        var digits = 1;
        for (var v = codePoint >> 4; v != 0; v >>= 4)
        {
            digits++;
        }

        var width = Math.Max(4, digits);
        for (var k = 0; k < width; k++)
        {
            destination[2 + width - 1 - k] = CType.HexDigit((codePoint >> (4 * k)) & 0xF);
        }

        return 2 + width;
    }
}
