using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:removeCommentsChar (libmodsecurity v3 remove_comments_char.cc): deletes the comment markers themselves —
/// "/*", "*/", "&lt;!--", "--&gt;", "--" and "#" — wherever they occur, leaving the text between them.
/// </summary>
internal sealed class RemoveCommentsCharTransformation() : Transformation(TransformationName.RemoveCommentsChar)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny("/*<-#");
        if (first < 0)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        var d = first;
        var i = first;
        while (i < input.Length)
        {
            var rest = input[i..];
            var marker = rest.StartsWith("/*") || rest.StartsWith("*/") ? 2
                : rest.StartsWith("<!--") ? 4
                : rest.StartsWith("-->") ? 3
                : rest.StartsWith("--") ? 2
                : rest[0] == '#' ? 1
                : 0;
            if (marker > 0)
            {
                i += marker;
            }
            else
            {
                destination[d++] = input[i++];
            }
        }

        written = d;
        return d != input.Length;
    }
}
