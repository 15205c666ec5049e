using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:hexDecode: each pair of characters to one byte with ModSecurity's x2c arithmetic, which does not validate the
/// digits; an odd last character is dropped (libmodsecurity v3 hex_decode.cc).
/// </summary>
internal sealed class HexDecodeTransformation() : Transformation(TransformationName.HexDecode)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (input.IsEmpty)
        {
            return false;
        }

        for (var i = 0; i + 1 < input.Length; i += 2)
        {
            destination[written++] = CType.HexPairToByte(input[i], input[i + 1]);
        }

        return true;
    }
}
