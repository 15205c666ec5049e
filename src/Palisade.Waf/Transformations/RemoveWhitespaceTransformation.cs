using System.Buffers;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:removeWhitespace: drops C whitespace (space, \t, \n, \v, \f, \r) and the non-breaking space byte 0xA0.
/// </summary>
/// <remarks>
/// libmodsecurity v3 (remove_whitespace.cc) means to drop NBSP too, but compares a signed char with 160, which never
/// matches; we follow the stated intent (and ModSecurity 2.x), so "a\xA0b" becomes "ab".
/// </remarks>
internal sealed class RemoveWhitespaceTransformation() : Transformation(TransformationName.RemoveWhitespace)
{
    private static readonly SearchValues<char> Removed = SearchValues.Create(" \t\n\v\f\r\u00A0");

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny(Removed);
        if (first < 0)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        written = first;
        for (var i = first; i < input.Length; i++)
        {
            var c = input[i];
            if (!Removed.Contains(c))
            {
                destination[written++] = c;
            }
        }

        return true;
    }
}
