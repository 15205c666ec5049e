using System.Text;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Splits a configuration file into directives: skips blank lines and comment lines (first non-blank character '#'),
/// and joins a line ending in a backslash with the next one, dropping the backslash, as Apache's configuration reader
/// does (whitespace after the backslash is tolerated, as libmodsecurity v3 tolerates it). A '#' later in a line is
/// not a comment: regexes and messages contain it.
/// </summary>
internal static class LogicalLineReader
{
    public static IEnumerable<LogicalLine> Read(string file, string content)
    {
        var text = new StringBuilder();
        var starts = new List<int>();
        var lines = new List<int>();
        var columns = new List<int>();
        var continuing = false;
        var lineNumber = 0;
        var position = 0;
        while (position <= content.Length)
        {
            var newline = content.IndexOf('\n', position);
            var end = newline < 0 ? content.Length : newline;
            var physical = content.AsSpan(position, end - position);
            position = end + 1;
            lineNumber++;
            if (physical.Length > 0 && physical[^1] == '\r')
            {
                physical = physical[..^1];
            }

            var column = 1;
            if (!continuing)
            {
                var trimmed = physical.TrimStart(" \t");
                if (trimmed.IsEmpty || trimmed[0] == '#')
                {
                    if (newline < 0)
                    {
                        break;
                    }

                    continue;
                }

                column += physical.Length - trimmed.Length;
                physical = trimmed;
            }

            starts.Add(text.Length);
            lines.Add(lineNumber);
            columns.Add(column);
            var withoutTrailing = physical.TrimEnd(" \t");
            continuing = withoutTrailing.Length > 0 && withoutTrailing[^1] == '\\';
            text.Append(continuing ? withoutTrailing[..^1] : withoutTrailing);
            if (!continuing || newline < 0)
            {
                yield return new LogicalLine(file, text.ToString(), starts.ToArray(), lines.ToArray(), columns.ToArray());
                text.Clear();
                starts.Clear();
                lines.Clear();
                columns.Clear();
                continuing = false;
            }

            if (newline < 0)
            {
                break;
            }
        }
    }
}
