using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:removeNulls: drops every NUL byte.</summary>
internal sealed class RemoveNullsTransformation() : Transformation(TransformationName.RemoveNulls)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (!input.Contains('\0'))
        {
            return false;
        }

        foreach (var c in input)
        {
            if (c != '\0')
            {
                destination[written++] = c;
            }
        }

        return true;
    }
}
