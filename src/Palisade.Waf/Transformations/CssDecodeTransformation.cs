using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:cssDecode (libmodsecurity v3 css_decode.cc, after CSS 2 §4.1.3): a backslash and 1–6 hex digits become one
/// byte, the last two digits (full-width ASCII FFxx mapped to ASCII when the digits say U+FFxx), and one whitespace
/// after the digits is swallowed; backslash-newline disappears; backslash before any other character keeps that
/// character; a trailing lone backslash disappears.
/// </summary>
internal sealed class CssDecodeTransformation() : Transformation(TransformationName.CssDecode)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOf('\\');
        if (first < 0)
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

            if (i + 1 >= input.Length)
            {
                i++;
                continue;
            }

            i++;
            var j = 0;
            while (j < 6 && i + j < input.Length && CType.IsHexDigit(input[i + j]))
            {
                j++;
            }

            if (j > 0)
            {
                destination[d++] = HexEscapeToByte(input.Slice(i, j));
                if (i + j < input.Length && CType.IsSpace(input[i + j]))
                {
                    j++;
                }

                i += j;
            }
            else if (input[i] == '\n')
            {
                i++;
            }
            else
            {
                destination[d++] = input[i++];
            }
        }

        written = d;
        return true;
    }

    private static char HexEscapeToByte(ReadOnlySpan<char> digits)
    {
        var j = digits.Length;
        if (j == 1)
        {
            return (char)(CType.HexDigitValue(digits[0]) & 0xFF);
        }

        var value = CType.HexPairToByte(digits[j - 2], digits[j - 1]);

        // Four digits, or five/six whose leading digits are zero, may spell full-width ASCII (U+FF01–U+FF5E).
        var fullWidthCheck = j == 4 || (j == 5 && digits[0] == '0') || (j == 6 && digits[0] == '0' && digits[1] == '0');
        if (fullWidthCheck && value > 0 && value < 0x5F && IsF(digits[j - 3]) && IsF(digits[j - 4]))
        {
            value = (char)(value + 0x20);
        }

        return value;
    }

    private static bool IsF(char c) => c == 'f' || c == 'F';
}
