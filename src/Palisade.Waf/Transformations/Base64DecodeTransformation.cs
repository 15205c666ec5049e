using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:base64Decode as libmodsecurity v3 does it (utils/base64.cc over mbedTLS 3 mbedtls_base64_decode): the value up
/// to its first NUL must be strict base64 — a multiple of four digits, at most two '=' and only at the end, line
/// breaks (\n, \r\n) allowed and spaces only before one — or the result is empty.
/// </summary>
/// <remarks>Coraza instead decodes the valid prefix; ModSecurity returns nothing for a malformed value.</remarks>
internal sealed class Base64DecodeTransformation() : Transformation(TransformationName.Base64Decode)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (input.IsEmpty)
        {
            return false;
        }

        var nul = input.IndexOf('\0');
        var text = nul >= 0 ? input[..nul] : input;
        if (IsValid(text))
        {
            written = Decode(text, destination);
        }

        return true;
    }

    private static bool IsValid(ReadOnlySpan<char> text)
    {
        var digitsAndEquals = 0;
        var equals = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var spaces = false;
            while (i < text.Length && text[i] == ' ')
            {
                i++;
                spaces = true;
            }

            if (i == text.Length)
            {
                break;
            }

            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                continue;
            }

            if (text[i] == '\n')
            {
                continue;
            }

            if (spaces)
            {
                return false;
            }

            if (text[i] == '=')
            {
                if (++equals > 2)
                {
                    return false;
                }
            }
            else if (equals != 0 || Base64Alphabet.StandardValue(text[i]) < 0)
            {
                return false;
            }

            digitsAndEquals++;
        }

        return (digitsAndEquals - equals) % 4 != 1 && digitsAndEquals % 4 == 0;
    }

    private static int Decode(ReadOnlySpan<char> text, Span<char> destination)
    {
        var d = 0;
        var accumulated = 0;
        var count = 0;
        foreach (var c in text)
        {
            var value = Base64Alphabet.StandardValue(c);
            if (value < 0)
            {
                continue;
            }

            accumulated = (accumulated << 6) | value;
            if (++count == 4)
            {
                destination[d++] = (char)((accumulated >> 16) & 0xFF);
                destination[d++] = (char)((accumulated >> 8) & 0xFF);
                destination[d++] = (char)(accumulated & 0xFF);
                accumulated = 0;
                count = 0;
            }
        }

        // A final block with '=' padding carries two (one '=') or three (two '=') digits.
        if (count == 3)
        {
            accumulated <<= 6;
            destination[d++] = (char)((accumulated >> 16) & 0xFF);
            destination[d++] = (char)((accumulated >> 8) & 0xFF);
        }
        else if (count == 2)
        {
            accumulated <<= 12;
            destination[d++] = (char)((accumulated >> 16) & 0xFF);
        }

        return d;
    }
}
