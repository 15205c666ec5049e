using Palisade.Waf.Transformations;

namespace Palisade.Waf.Operators;

/// <summary>
/// Reads a number the way libmodsecurity's numeric operators do (std::stoi inside try/catch): leading C whitespace,
/// an optional sign, then decimal digits up to the first non-digit. No digits, or a value outside a 32-bit int,
/// gives 0 — so "12abc" is 12, "abc" is 0 and "99999999999" is 0.
/// </summary>
internal static class CInteger
{
    public static int Parse(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && CType.IsSpace(text[i]))
        {
            i++;
        }

        var negative = false;
        if (i < text.Length && (text[i] == '+' || text[i] == '-'))
        {
            negative = text[i] == '-';
            i++;
        }

        long value = 0;
        var digits = 0;
        while (i < text.Length && CType.IsDigit(text[i]))
        {
            value = (value * 10) + (text[i] - '0');
            digits++;
            i++;
            if (value > (long)int.MaxValue + 1)
            {
                return 0;
            }
        }

        if (digits == 0)
        {
            return 0;
        }

        value = negative ? -value : value;
        return value is < int.MinValue or > int.MaxValue ? 0 : (int)value;
    }
}
