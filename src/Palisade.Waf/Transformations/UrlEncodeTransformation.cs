using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:urlEncode: space to '+', letters, digits and '*' kept, every other byte as %xx in lower-case hex
/// (libmodsecurity v3 url_encode.cc).
/// </summary>
internal sealed class UrlEncodeTransformation() : Transformation(TransformationName.UrlEncode)
{
    internal override int MaxOutputLength(int inputLength) => checked(inputLength * 3);

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        var d = 0;
        var changed = false;
        foreach (var c in input)
        {
            if (c == ' ')
            {
                destination[d++] = '+';
                changed = true;
            }
            else if (c == '*' || char.IsAsciiLetterOrDigit(c))
            {
                destination[d++] = c;
            }
            else
            {
                destination[d++] = '%';
                destination[d++] = CType.HexDigit((c >> 4) & 0xF);
                destination[d++] = CType.HexDigit(c & 0xF);
                changed = true;
            }
        }

        written = changed ? d : 0;
        return changed;
    }
}
