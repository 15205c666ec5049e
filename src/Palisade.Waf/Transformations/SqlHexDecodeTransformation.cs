using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:sqlHexDecode: each SQL hex literal — "0x" (or "0X") and at least two hex digits — becomes its bytes, two digits
/// per byte; an odd last digit stays as written, and so does a "0x" without two hex digits after it. The expected
/// results are those of ModSecurity's transformation tests (secrules-language-tests sqlHexDecode.json, e.g.
/// "0x4142430x434241" gives "ABCCBA").
/// </summary>
/// <remarks>
/// The C implementations (sql_hex2bytes_inplace in 2.x, sql_hex_decode.cc in v3) stop at a NUL byte and copy the
/// character after a literal unexamined; v3 also drops the last character through an off-by-one. Those artefacts
/// contradict ModSecurity's own tests and would let a NUL hide the rest of a value, so we follow the tests.
/// </remarks>
internal sealed class SqlHexDecodeTransformation() : Transformation(TransformationName.SqlHexDecode)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = FindLiteral(input);
        if (first < 0)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        var d = first;
        var i = first;
        while (i < input.Length)
        {
            if (IsLiteralAt(input, i))
            {
                i += 2;
                while (i + 1 < input.Length && CType.IsHexDigit(input[i]) && CType.IsHexDigit(input[i + 1]))
                {
                    destination[d++] = CType.HexPairToByte(input[i], input[i + 1]);
                    i += 2;
                }

                continue;
            }

            destination[d++] = input[i++];
        }

        written = d;
        return true;
    }

    private static bool IsLiteralAt(ReadOnlySpan<char> input, int i) =>
        input[i] == '0' && i + 3 < input.Length && (input[i + 1] == 'x' || input[i + 1] == 'X')
        && CType.IsHexDigit(input[i + 2]) && CType.IsHexDigit(input[i + 3]);

    private static int FindLiteral(ReadOnlySpan<char> input)
    {
        for (var i = input.IndexOf('0'); i >= 0; i = NextZero(input, i))
        {
            if (IsLiteralAt(input, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static int NextZero(ReadOnlySpan<char> input, int previous)
    {
        var next = input[(previous + 1)..].IndexOf('0');
        return next < 0 ? -1 : previous + 1 + next;
    }
}
