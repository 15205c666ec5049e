using System.Globalization;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:length: the value's length in bytes, as decimal text.</summary>
internal sealed class LengthTransformation() : Transformation(TransformationName.Length)
{
    internal override int MaxOutputLength(int inputLength) => 11;

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        input.Length.TryFormat(destination, out written, default, CultureInfo.InvariantCulture);
        return !destination[..written].SequenceEqual(input);
    }
}
