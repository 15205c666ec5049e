using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:lowercase: A–Z to a–z only, as C tolower in the "C" locale (bytes above 127 stay).</summary>
internal sealed class LowercaseTransformation() : Transformation(TransformationName.Lowercase)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny(CharacterSets.AsciiUppercase);
        if (first < 0)
        {
            return false;
        }

        input.CopyTo(destination);
        for (var i = first; i < input.Length; i++)
        {
            destination[i] = CType.ToLower(input[i]);
        }

        written = input.Length;
        return true;
    }
}
