using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:escapeSeqDecode: ANSI C escapes (libmodsecurity v3 escape_seq_decode.cc): \a \b \f \n \r \t \v \\ \? \' \",
/// \xHH or \XHH (exactly two hex digits) and \O to \OOO octal (byte value taken modulo 256). Any other \C, including
/// a \x without two hex digits, drops the backslash and keeps C. A lone trailing backslash stays.
/// </summary>
internal sealed class EscapeSeqDecodeTransformation() : Transformation(TransformationName.EscapeSeqDecode)
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
            if (input[i] != '\\' || i + 1 >= input.Length)
            {
                destination[d++] = input[i++];
                continue;
            }

            var next = input[i + 1];
            var simple = SimpleEscape(next);
            if (simple >= 0)
            {
                destination[d++] = (char)simple;
                i += 2;
            }
            else if ((next == 'x' || next == 'X') && i + 3 < input.Length && CType.IsHexDigit(input[i + 2]) && CType.IsHexDigit(input[i + 3]))
            {
                destination[d++] = CType.HexPairToByte(input[i + 2], input[i + 3]);
                i += 4;
            }
            else if (CType.IsOctalDigit(next))
            {
                var digits = 1;
                while (digits < 3 && i + 1 + digits < input.Length && CType.IsOctalDigit(input[i + 1 + digits]))
                {
                    digits++;
                }

                destination[d++] = (char)(JsDecodeTransformation.OctalValue(input.Slice(i + 1, digits)) & 0xFF);
                i += 1 + digits;
            }
            else
            {
                destination[d++] = next;
                i += 2;
            }
        }

        written = d;
        return true;
    }

    private static int SimpleEscape(char c) => c switch
    {
        'a' => '\a',
        'b' => '\b',
        'f' => '\f',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\v',
        '\\' => '\\',
        '?' => '?',
        '\'' => '\'',
        '"' => '"',
        _ => -1,
    };
}
