using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:urlDecodeUni: t:urlDecode plus IIS's %uHHHH, which keeps only the low byte, except that full-width ASCII
/// (%uFF01–%uFF5E) maps to its ASCII letter (libmodsecurity v3 url_decode_uni.cc without a SecUnicodeMapFile).
/// An invalid or truncated %u keeps "%u" as written and carries on after it.
/// </summary>
internal sealed class UrlDecodeUniTransformation() : Transformation(TransformationName.UrlDecodeUni)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny(UrlDecodeTransformation.Triggers);
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
            if (c == '%')
            {
                if (i + 1 < input.Length && (input[i + 1] == 'u' || input[i + 1] == 'U'))
                {
                    if (i + 5 < input.Length && CType.IsHexDigit(input[i + 2]) && CType.IsHexDigit(input[i + 3])
                        && CType.IsHexDigit(input[i + 4]) && CType.IsHexDigit(input[i + 5]))
                    {
                        destination[d++] = FullWidthAware(input[i + 2], input[i + 3], input[i + 4], input[i + 5]);
                        i += 6;
                        changed = true;
                    }
                    else
                    {
                        destination[d++] = input[i++];
                        destination[d++] = input[i++];
                    }
                }
                else if (i + 2 < input.Length && CType.IsHexDigit(input[i + 1]) && CType.IsHexDigit(input[i + 2]))
                {
                    destination[d++] = CType.HexPairToByte(input[i + 1], input[i + 2]);
                    i += 3;
                    changed = true;
                }
                else
                {
                    destination[d++] = input[i++];
                }
            }
            else
            {
                destination[d++] = c == '+' ? ' ' : c;
                changed |= c == '+';
                i++;
            }
        }

        written = d;
        return changed;
    }

    /// <summary>
    /// The byte for \uHHHH / %uHHHH as ModSecurity decodes it: the low byte, plus 0x20 for full-width ASCII
    /// (U+FF01–U+FF5E, whose low byte 0x01–0x5E sits 0x20 below the ASCII character).
    /// </summary>
    internal static char FullWidthAware(char h1, char h2, char h3, char h4)
    {
        var low = CType.HexPairToByte(h3, h4);
        if (low > 0 && low < 0x5F && (h1 == 'f' || h1 == 'F') && (h2 == 'f' || h2 == 'F'))
        {
            low = (char)(low + 0x20);
        }

        return low;
    }
}
