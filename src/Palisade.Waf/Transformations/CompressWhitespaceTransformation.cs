using System.Buffers;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:compressWhitespace: every run of C whitespace (space, \t, \n, \v, \f, \r) becomes one space
/// (libmodsecurity v3 compress_whitespace.cc; unlike 2.x it leaves NBSP alone).
/// </summary>
internal sealed class CompressWhitespaceTransformation() : Transformation(TransformationName.CompressWhitespace)
{
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\n\v\f\r");

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny(Whitespace);
        if (first < 0)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        written = first;
        var inWhitespace = false;
        for (var i = first; i < input.Length; i++)
        {
            var c = input[i];
            if (CType.IsSpace(c))
            {
                if (!inWhitespace)
                {
                    destination[written++] = ' ';
                    inWhitespace = true;
                }
            }
            else
            {
                destination[written++] = c;
                inWhitespace = false;
            }
        }

        return !destination[..written].SequenceEqual(input);
    }
}
