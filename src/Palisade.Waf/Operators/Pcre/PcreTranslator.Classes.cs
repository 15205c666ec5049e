using System.Text;

namespace Palisade.Waf.Operators.Pcre;

/// <summary>Character classes, rebuilt from the set of bytes they accept.</summary>
internal sealed partial class PcreTranslator
{
    private void TranslateClass()
    {
        var start = _position;
        _position++;
        var negate = _position < _pattern.Length && _pattern[_position] == '^';
        if (negate)
        {
            _position++;
        }

        var set = new ByteSet();
        var extras = new StringBuilder();
        var first = true;
        while (true)
        {
            if (_position >= _pattern.Length)
            {
                throw new PcreSyntaxException("missing terminating ] for character class", start);
            }

            var c = _pattern[_position];
            if (c == ']' && !first)
            {
                _position++;
                break;
            }

            first = false;
            if (c == '[' && _position + 1 < _pattern.Length && _pattern[_position + 1] is ':' or '.' or '=')
            {
                if (TryReadPosixClass(set, start))
                {
                    continue;
                }
            }

            var low = ReadClassItem(set, extras, start);
            if (low < 0)
            {
                continue;
            }

            if (_position + 1 < _pattern.Length && _pattern[_position] == '-' && _pattern[_position + 1] != ']')
            {
                var save = _position;
                _position++;
                var high = ReadClassItem(set, extras, start);
                if (high < 0)
                {
                    // [a-\d]: PCRE takes the '-' literally.
                    set.Add(low);
                    set.Add('-');
                    continue;
                }

                if (high < low)
                {
                    _position = save;
                    throw new PcreSyntaxException("range out of order in character class", save);
                }

                set.AddRange(low, high);
                continue;
            }

            set.Add(low);
        }

        EmitAtom(ClassText(set, negate, extras.ToString()));
    }

    /// <summary>
    /// Reads one class member. Returns its byte value for a single character (a range may follow), or -1 after
    /// adding a whole set (\d, \s, \Q…\E, \p{…}) or reading nothing (\E).
    /// </summary>
    private int ReadClassItem(ByteSet set, StringBuilder extras, int classStart)
    {
        var c = _pattern[_position];
        if (c != '\\')
        {
            _position++;
            if (c > 0xFF)
            {
                throw new PcreSyntaxException($"character U+{(int)c:X4} is not a byte; patterns are byte strings", _position - 1);
            }

            return c;
        }

        if (_position + 1 >= _pattern.Length)
        {
            throw new PcreSyntaxException("missing terminating ] for character class", classStart);
        }

        var start = _position;
        var e = _pattern[_position + 1];
        _position += 2;
        switch (e)
        {
            case 'd':
            case 'D':
            case 'w':
            case 'W':
            case 's':
            case 'S':
            case 'h':
            case 'H':
            case 'v':
            case 'V':
                set.UnionWith(ByteSet.ForClassEscape(e));
                return -1;
            case 'p':
            case 'P':
                extras.Append(ReadPropertyEscape(e, start));
                return -1;
            case 'Q':
                var end = _pattern.IndexOf("\\E", _position, StringComparison.Ordinal);
                var stop = end < 0 ? _pattern.Length : end;
                for (; _position < stop; _position++)
                {
                    set.Add(_pattern[_position]);
                }

                _position = end < 0 ? _pattern.Length : end + 2;
                return -1;
            case 'E':
                return -1;
            case 'R':
            case 'X':
            case 'B':
            case 'N':
            case 'K':
            case 'C':
                throw new PcreSyntaxException($"\\{e} is not allowed in a character class", start);
            default:
                return ReadCharacterEscape(e, start, inClass: true);
        }
    }

    private bool TryReadPosixClass(ByteSet set, int classStart)
    {
        // PCRE's check_posix_syntax: "[:" only opens a POSIX class when ":]" comes before any "]" or "[:".
        var kind = _pattern[_position + 1];
        var close = -1;
        for (var i = _position + 2; i < _pattern.Length; i++)
        {
            var c = _pattern[i];
            if (c == '\\' && i + 1 < _pattern.Length && _pattern[i + 1] is ']' or '\\')
            {
                i++;
            }
            else if ((c == '[' && i + 1 < _pattern.Length && _pattern[i + 1] == kind) || c == ']')
            {
                return false;
            }
            else if (c == kind && i + 1 < _pattern.Length && _pattern[i + 1] == ']')
            {
                close = i;
                break;
            }
        }

        if (close < 0)
        {
            return false;
        }

        if (kind != ':')
        {
            throw new PcreSyntaxException("POSIX collating elements ([.x.] and [=x=]) are not supported", _position);
        }

        var name = _pattern[(_position + 2)..close];
        var negate = name.StartsWith('^');
        var members = ByteSet.ForPosixClass(negate ? name[1..] : name)
            ?? throw new PcreSyntaxException($"unknown POSIX class name '{name}'", classStart);
        set.UnionWith(negate ? members.Complement() : members);
        _position = close + 2;
        return true;
    }

    private static string ClassText(ByteSet set, bool negate, string extras = "")
    {
        if (set.IsEmpty && extras.Length == 0)
        {
            // [^] matches nothing and [^^…] everything; .NET has no empty class, so spell both out.
            return negate ? "[\\s\\S]" : "[^\\s\\S]";
        }

        var builder = new StringBuilder("[");
        if (negate)
        {
            builder.Append('^');
        }

        foreach (var (low, high) in set.Ranges())
        {
            AppendChar(builder, low);
            if (high > low)
            {
                if (high > low + 1)
                {
                    builder.Append('-');
                }

                AppendChar(builder, high);
            }
        }

        builder.Append(extras).Append(']');
        return builder.ToString();
    }
}
