using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Transformations;

/// <summary>
/// t:cmdLine (libmodsecurity v3 cmd_line.cc, after Frank Dabek's Windows/Unix command-line evasion notes): drops
/// " ' \ ^, turns each run of space , ; \t \r \n into one space, drops a space before / or (, and lower-cases ASCII.
/// </summary>
internal sealed class CmdLineTransformation() : Transformation(TransformationName.CmdLine)
{
    internal override bool Transform(ReadOnlySpan<char> input, Span<char> destination, out int written)
    {
        var d = 0;
        var afterSpace = false;
        foreach (var c in input)
        {
            switch (c)
            {
                case '"':
                case '\'':
                case '\\':
                case '^':
                    break;
                case ' ':
                case ',':
                case ';':
                case '\t':
                case '\r':
                case '\n':
                    if (!afterSpace)
                    {
                        destination[d++] = ' ';
                        afterSpace = true;
                    }

                    break;
                case '/':
                case '(':
                    if (afterSpace)
                    {
                        d--;
                    }

                    afterSpace = false;
                    destination[d++] = c;
                    break;
                default:
                    destination[d++] = CType.ToLower(c);
                    afterSpace = false;
                    break;
            }
        }

        written = d;
        if (destination[..d].SequenceEqual(input))
        {
            written = 0;
            return false;
        }

        return true;
    }
}
