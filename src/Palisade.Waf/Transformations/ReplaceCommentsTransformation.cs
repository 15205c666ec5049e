using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:replaceComments (libmodsecurity v3 replace_comments.cc): each C comment /* … */ becomes one space; an
/// unterminated comment becomes a space at the end. A lone */ is left alone.
/// </summary>
internal sealed class ReplaceCommentsTransformation() : Transformation(TransformationName.ReplaceComments)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOf("/*");
        if (first < 0)
        {
            return false;
        }

        input[..first].CopyTo(destination);
        var d = first;
        var i = first;
        var inComment = false;
        while (i < input.Length)
        {
            if (!inComment)
            {
                if (input[i] == '/' && i + 1 < input.Length && input[i + 1] == '*')
                {
                    inComment = true;
                    i += 2;
                }
                else
                {
                    destination[d++] = input[i++];
                }
            }
            else if (input[i] == '*' && i + 1 < input.Length && input[i + 1] == '/')
            {
                inComment = false;
                i += 2;
                destination[d++] = ' ';
            }
            else
            {
                i++;
            }
        }

        if (inComment)
        {
            destination[d++] = ' ';
        }

        written = d;
        return true;
    }
}
