using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Operators;

/// <summary>
/// @validateUtf8Encoding (libmodsecurity v3 validate_utf8_encoding.cc, RFC 3629): matches when the bytes are not
/// valid UTF-8 — a truncated or broken sequence, an invalid lead byte (80–BF, F8–FF), a lead byte F5–F7, an overlong
/// form, or a surrogate (U+D800–U+DFFF). An empty input does not match.
/// </summary>
internal sealed class ValidateUtf8EncodingOperator() : CompiledOperator(OperatorName.ValidateUtf8Encoding)
{
    public override bool IsMatch(ReadOnlySpan<char> input)
    {
        var i = input.IndexOfAnyExcept(CharacterSets.Ascii);
        if (i < 0)
        {
            return false;
        }

        while (i < input.Length)
        {
            var length = SequenceLength(input[i..]);
            if (length <= 0)
            {
                return true;
            }

            i += length;
        }

        return false;
    }

    /// <summary>The length of the well-formed sequence starting the input, or 0 when it is not one.</summary>
    private static int SequenceLength(ReadOnlySpan<char> bytes)
    {
        int c = bytes[0];
        if (c < 0x80)
        {
            return 1;
        }

        int length;
        int codePoint;
        if ((c & 0xE0) == 0xC0)
        {
            length = 2;
            codePoint = c & 0x1F;
        }
        else if ((c & 0xF0) == 0xE0)
        {
            length = 3;
            codePoint = c & 0x0F;
        }
        else if ((c & 0xF8) == 0xF0 && c < 0xF5)
        {
            length = 4;
            codePoint = c & 0x07;
        }
        else
        {
            return 0;
        }

        if (bytes.Length < length)
        {
            return 0;
        }

        for (var k = 1; k < length; k++)
        {
            if ((bytes[k] & 0xC0) != 0x80 || bytes[k] > 0xFF)
            {
                return 0;
            }

            codePoint = (codePoint << 6) | (bytes[k] & 0x3F);
        }

        var minimum = length switch { 2 => 0x80, 3 => 0x800, _ => 0x10000 };
        var surrogate = codePoint is >= 0xD800 and <= 0xDFFF;
        return codePoint < minimum || surrogate ? 0 : length;
    }
}
