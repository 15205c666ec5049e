using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:removeComments (libmodsecurity v3 remove_comments.cc): removes /* … */ and &lt;!-- … --&gt; comments, and cuts
/// the value at "--" or "#" (SQL and shell line comments). An unterminated block comment leaves one space.
/// </summary>
/// <remarks>
/// Older libmodsecurity copied the character after a closing */ unexamined, so "SELECT/**//**/UNION" kept a comment;
/// ModSecurity's transformation tests (secrules-language-tests removeComments.json) expect "SELECTUNION", as here.
/// </remarks>
internal sealed class RemoveCommentsTransformation() : Transformation(TransformationName.RemoveComments)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        written = 0;
        var first = input.IndexOfAny("/<-#");
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
                if (StartsWith(input, i, "/*"))
                {
                    inComment = true;
                    i += 2;
                }
                else if (StartsWith(input, i, "<!--"))
                {
                    inComment = true;
                    i += 4;
                }
                else if (StartsWith(input, i, "--") || input[i] == '#')
                {
                    break;
                }
                else
                {
                    destination[d++] = input[i++];
                }
            }
            else
            {
                var close = StartsWith(input, i, "*/") ? 2 : StartsWith(input, i, "-->") ? 3 : 0;
                if (close > 0)
                {
                    inComment = false;
                    i += close;
                }
                else
                {
                    i++;
                }
            }
        }

        if (inComment)
        {
            destination[d++] = ' ';
        }

        written = d;
        return !destination[..d].SequenceEqual(input);
    }

    private static bool StartsWith(ReadOnlySpan<char> input, int index, ReadOnlySpan<char> token) => input[index..].StartsWith(token);
}
