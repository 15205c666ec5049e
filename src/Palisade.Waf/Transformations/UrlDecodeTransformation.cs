using System.Buffers;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:urlDecode: %XX (two hex digits) to the byte and '+' to a space; an invalid or truncated % sequence is kept as
/// written (libmodsecurity v3 utils::urldecode_nonstrict_inplace).
/// </summary>
internal sealed class UrlDecodeTransformation() : Transformation(TransformationName.UrlDecode)
{
    internal static readonly SearchValues<char> Triggers = SearchValues.Create("%+");

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny(Triggers);
        if (first < 0)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        var d = first;
        var changed = false;
        var i = first;
        while (i < input.Length)
        {
            var c = input[i];
            if (c == '%' && i + 2 < input.Length && CType.IsHexDigit(input[i + 1]) && CType.IsHexDigit(input[i + 2]))
            {
                destination[d++] = CType.HexPairToByte(input[i + 1], input[i + 2]);
                i += 3;
                changed = true;
            }
            else if (c == '+')
            {
                destination[d++] = ' ';
                i++;
                changed = true;
            }
            else
            {
                destination[d++] = c;
                i++;
            }
        }

        written = d;
        return changed;
    }
}
