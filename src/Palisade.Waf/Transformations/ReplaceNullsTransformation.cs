using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:replaceNulls: every NUL byte becomes a space.</summary>
internal sealed class ReplaceNullsTransformation() : Transformation(TransformationName.ReplaceNulls)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        if (!input.Contains('\0'))
        {
            return false;
        }

        input.Replace(destination, '\0', ' ');
        written = input.Length;
        return true;
    }
}
