using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:base64DecodeExt, the forgiving decoder (libmodsecurity v3 Base64::decode_forgiven_engine): standard and URL-safe
/// digits are decoded, every other character is skipped, bits that do not fill a byte are dropped. A '=' that follows
/// exactly one digit of a block (and is not itself followed by '=') makes the whole result empty.
/// </summary>
internal sealed class Base64DecodeExtTransformation() : Transformation(TransformationName.Base64DecodeExt)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (input.IsEmpty)
        {
            return false;
        }

        var digits = 0;
        var d = 0;
        var partial = 0;
        var lastWasPadding = false;
        for (var index = 0; index < input.Length; index++)
        {
            var c = input[index];
            if (c == '=')
            {
                var nextIsPadding = index + 1 < input.Length && input[index + 1] == '=';
                if (!nextIsPadding && digits % 4 == 1)
                {
                    return true;
                }

                lastWasPadding = true;
                continue;
            }

            var value = Base64Alphabet.LenientValue(c);
            lastWasPadding = false;
            if (value < 0)
            {
                continue;
            }

            switch (digits % 4)
            {
                case 0:
                    partial = value << 2;
                    break;
                case 1:
                    destination[d++] = (char)((partial | (value >> 4)) & 0xFF);
                    partial = (value & 0x0F) << 4;
                    break;
                case 2:
                    destination[d++] = (char)((partial | (value >> 2)) & 0xFF);
                    partial = (value & 0x03) << 6;
                    break;
                default:
                    destination[d++] = (char)((partial | value) & 0xFF);
                    break;
            }

            digits++;
        }

        if (lastWasPadding && digits % 4 == 1)
        {
            return true;
        }

        written = d;
        return true;
    }
}
