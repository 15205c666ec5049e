using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:uppercase: a–z to A–Z only, as C toupper in the "C" locale.</summary>
internal sealed class UppercaseTransformation() : Transformation(TransformationName.Uppercase)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny(CharacterSets.AsciiLowercase);
        if (first < 0)
        {
            return false;
        }

        input.CopyTo(destination);
        for (var i = first; i < input.Length; i++)
        {
            destination[i] = CType.ToUpper(input[i]);
        }

        written = input.Length;
        return true;
    }
}
