using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:base64Encode: standard base64 with '=' padding.</summary>
internal sealed class Base64EncodeTransformation() : Transformation(TransformationName.Base64Encode)
{
    internal override int MaxOutputLength(int inputLength) => checked(((inputLength + 2) / 3) * 4);

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (input.IsEmpty)
        {
            return false;
        }

        var d = 0;
        var i = 0;
        for (; i + 2 < input.Length; i += 3)
        {
            var block = ((input[i] & 0xFF) << 16) | ((input[i + 1] & 0xFF) << 8) | (input[i + 2] & 0xFF);
            destination[d++] = Base64Alphabet.Characters[(block >> 18) & 0x3F];
            destination[d++] = Base64Alphabet.Characters[(block >> 12) & 0x3F];
            destination[d++] = Base64Alphabet.Characters[(block >> 6) & 0x3F];
            destination[d++] = Base64Alphabet.Characters[block & 0x3F];
        }

        var remaining = input.Length - i;
        if (remaining > 0)
        {
            var block = (input[i] & 0xFF) << 16;
            if (remaining == 2)
            {
                block |= (input[i + 1] & 0xFF) << 8;
            }

            destination[d++] = Base64Alphabet.Characters[(block >> 18) & 0x3F];
            destination[d++] = Base64Alphabet.Characters[(block >> 12) & 0x3F];
            destination[d++] = remaining == 2 ? Base64Alphabet.Characters[(block >> 6) & 0x3F] : '=';
            destination[d++] = '=';
        }

        written = d;
        return true;
    }
}
