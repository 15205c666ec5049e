using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>t:trim, t:trimLeft, t:trimRight: remove leading and/or trailing C whitespace (space, \t, \n, \v, \f, \r).</summary>
internal sealed class TrimTransformation : Transformation
{
    private readonly Sides _sides;

    public TrimTransformation(Sides sides)
        : base(sides switch
        {
            Sides.Left => TransformationName.TrimLeft,
            Sides.Right => TransformationName.TrimRight,
            _ => TransformationName.Trim,
        })
    {
        _sides = sides;
    }

    public enum Sides
    {
        Both,
        Left,
        Right,
    }

    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        var start = 0;
        var end = input.Length;
        if (_sides != Sides.Right)
        {
            while (start < end && CType.IsSpace(input[start]))
            {
                start++;
            }
        }

        if (_sides != Sides.Left)
        {
            while (end > start && CType.IsSpace(input[end - 1]))
            {
                end--;
            }
        }

        written = end - start;
        if (written == input.Length)
        {
            written = 0;
            return false;
        }

        input[start..end].CopyTo(destination);
        return true;
    }
}
