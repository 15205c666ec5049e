using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:hexEncode: every byte as two lower-case hex digits.</summary>
internal sealed class HexEncodeTransformation() : Transformation(TransformationName.HexEncode)
{
    internal override int MaxOutputLength(int inputLength) => checked(inputLength * 2);

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (input.IsEmpty)
        {
            return false;
        }

        foreach (var c in input)
        {
            destination[written++] = CType.HexDigit((c >> 4) & 0xF);
            destination[written++] = CType.HexDigit(c & 0xF);
        }

        return true;
    }
}
