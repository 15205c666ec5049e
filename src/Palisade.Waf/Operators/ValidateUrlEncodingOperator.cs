using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Operators;

/// <summary>
/// @validateUrlEncoding (libmodsecurity v3 validate_url_encoding.cc): matches when a '%' is not followed by two hex
/// digits, including a '%' among the last two characters. An empty input does not match.
/// </summary>
internal sealed class ValidateUrlEncodingOperator() : CompiledOperator(OperatorName.ValidateUrlEncoding)
{
    public override bool IsMatch(ReadOnlySpan<char> input)
    {
        var i = input.IndexOf('%');
        while (i >= 0)
        {
            if (i + 2 >= input.Length || !CType.IsHexDigit(input[i + 1]) || !CType.IsHexDigit(input[i + 2]))
            {
                return true;
            }

            var next = input[(i + 3)..].IndexOf('%');
            i = next < 0 ? -1 : i + 3 + next;
        }

        return false;
    }
}
