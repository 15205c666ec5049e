using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:jsDecode: JavaScript escapes (libmodsecurity v3 js_decode.cc). \uHHHH keeps the low byte (full-width ASCII
/// mapped to ASCII), \xHH the byte, \OOO up to three octal digits (two when a third would overflow a byte),
/// \a \b \f \n \r \t \v their control characters, and any other \C the character C. A lone trailing backslash stays.
/// </summary>
internal sealed class JsDecodeTransformation() : Transformation(TransformationName.JsDecode)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOf('\\');
        if (first < 0 || first == input.Length - 1)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        var d = first;
        var i = first;
        while (i < input.Length)
        {
            if (input[i] != '\\')
            {
                destination[d++] = input[i++];
                continue;
            }

            if (i + 5 < input.Length && input[i + 1] == 'u' && CType.IsHexDigit(input[i + 2]) && CType.IsHexDigit(input[i + 3])
                && CType.IsHexDigit(input[i + 4]) && CType.IsHexDigit(input[i + 5]))
            {
                destination[d++] = UrlDecodeUniTransformation.FullWidthAware(input[i + 2], input[i + 3], input[i + 4], input[i + 5]);
                i += 6;
            }
            else if (i + 3 < input.Length && input[i + 1] == 'x' && CType.IsHexDigit(input[i + 2]) && CType.IsHexDigit(input[i + 3]))
            {
                destination[d++] = CType.HexPairToByte(input[i + 2], input[i + 3]);
                i += 4;
            }
            else if (i + 1 < input.Length && CType.IsOctalDigit(input[i + 1]))
            {
                var digits = 1;
                while (digits < 3 && i + 1 + digits < input.Length && CType.IsOctalDigit(input[i + 1 + digits]))
                {
                    digits++;
                }

                // Three digits starting above 3 would exceed 0377; JavaScript then reads only two.
                if (digits == 3 && input[i + 1] > '3')
                {
                    digits = 2;
                }

                destination[d++] = (char)(OctalValue(input.Slice(i + 1, digits)) & 0xFF);
                i += 1 + digits;
            }
            else if (i + 1 < input.Length)
            {
                destination[d++] = SimpleEscape(input[i + 1]);
                i += 2;
            }
            else
            {
                destination[d++] = input[i++];
            }
        }

        written = d;
        return true;
    }

    internal static int OctalValue(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value * 8) + (digit - '0');
        }

        return value;
    }

    private static char SimpleEscape(char c) => c switch
    {
        'a' => '\a',
        'b' => '\b',
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\v',
        _ => c,
    };
}
