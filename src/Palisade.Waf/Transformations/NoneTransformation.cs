using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:none: changes nothing (in a t: list it clears the steps before it; see <see cref="TransformationPipeline"/>).</summary>
internal sealed class NoneTransformation() : Transformation(TransformationName.None)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        return false;
    }
}
