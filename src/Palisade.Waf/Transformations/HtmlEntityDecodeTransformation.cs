using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:htmlEntityDecode (libmodsecurity v3 html_entity_decode.cc): &amp;#DDD; and &amp;#xHH; (semicolon optional, value
/// reduced to its low byte; numbers too big for a C long saturate to 0xFF) and the named entities quot, amp, lt, gt
/// and nbsp (any case). A name is the whole run of letters and digits after '&amp;', so "&amp;ltx" is left alone.
/// </summary>
internal sealed class HtmlEntityDecodeTransformation() : Transformation(TransformationName.HtmlEntityDecode)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOf('&');
        if (first < 0 || first == input.Length - 1)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        var d = first;
        var i = first;
        while (i < input.Length && d < input.Length)
        {
            var copy = 1;
            if (input[i] == '&' && i + 1 < input.Length)
            {
                var j = i + 1;
                if (input[j] == '#')
                {
                    copy++;
                    if (j + 1 < input.Length)
                    {
                        j++;
                        var hex = input[j] == 'x' || input[j] == 'X';
                        if (hex)
                        {
                            copy++;
                        }

                        if (!hex || j + 1 < input.Length)
                        {
                            if (hex)
                            {
                                j++;
                            }

                            var k = j;
                            while (j < input.Length && (hex ? CType.IsHexDigit(input[j]) : CType.IsDigit(input[j])))
                            {
                                j++;
                            }

                            if (j > k)
                            {
                                destination[d++] = NumberToByte(input[k..j], hex ? 16 : 10);
                                i = j < input.Length && input[j] == ';' ? j + 1 : j;
                                continue;
                            }
                        }
                    }
                }
                else
                {
                    var k = j;
                    while (j < input.Length && CType.IsAlphanumeric(input[j]))
                    {
                        j++;
                    }

                    if (j > k)
                    {
                        var decoded = NamedEntity(input[k..j]);
                        if (decoded >= 0)
                        {
                            destination[d++] = (char)decoded;
                            i = j < input.Length && input[j] == ';' ? j + 1 : j;
                            continue;
                        }

                        copy = j - k + 1;
                    }
                }
            }

            for (var z = 0; z < copy && d < input.Length && i < input.Length; z++)
            {
                destination[d++] = input[i++];
            }
        }

        written = d;
        return !destination[..d].SequenceEqual(input);
    }

    /// <summary>strtol of the digits cast to unsigned char: the low byte, or 0xFF once the value passes LONG_MAX.</summary>
    private static char NumberToByte(ReadOnlySpan<char> digits, int radix)
    {
        ulong value = 0;
        foreach (var digit in digits)
        {
            var v = (ulong)CType.HexDigitValue(digit);
            if (value > (long.MaxValue - v) / (ulong)radix)
            {
                return (char)0xFF;
            }

            value = (value * (ulong)radix) + v;
        }

        return (char)(value & 0xFF);
    }

    private static int NamedEntity(ReadOnlySpan<char> name)
    {
        if (name.Equals("quot", StringComparison.OrdinalIgnoreCase))
        {
            return '"';
        }

        if (name.Equals("amp", StringComparison.OrdinalIgnoreCase))
        {
            return '&';
        }

        if (name.Equals("lt", StringComparison.OrdinalIgnoreCase))
        {
            return '<';
        }

        if (name.Equals("gt", StringComparison.OrdinalIgnoreCase))
        {
            return '>';
        }

        return name.Equals("nbsp", StringComparison.OrdinalIgnoreCase) ? CType.NonBreakingSpace : -1;
    }
}
