using System.Globalization;
using System.Text;

namespace Palisade.Waf.Operators.Pcre;

/// <summary>Groups, option settings and group numbering.</summary>
internal sealed partial class PcreTranslator
{
    private void OpenGroup()
    {
        var start = _position;
        if (_position + 1 < _pattern.Length && _pattern[_position + 1] == '*')
        {
            throw new PcreSyntaxException("(*VERB) constructs are not supported", start);
        }

        if (_position + 1 >= _pattern.Length || _pattern[_position + 1] != '?')
        {
            _position++;
            _captureCount++;
            PushGroup("(");
            return;
        }

        var kind = _position + 2 < _pattern.Length ? _pattern[_position + 2] : '\0';
        var kind2 = _position + 3 < _pattern.Length ? _pattern[_position + 3] : '\0';
        switch (kind)
        {
            case ':':
                _position += 3;
                PushGroup("(?:");
                return;
            case '=':
            case '!':
                _position += 3;
                RequireBacktracking("lookahead");
                PushGroup("(?" + kind);
                return;
            case '<' when kind2 is '=' or '!':
                _position += 4;
                RequireBacktracking("lookbehind");
                PushGroup("(?<" + kind2);
                return;
            case '>':
                _position += 3;
                RequireBacktracking("atomic group");
                PushGroup("(?>");
                return;
            case '#':
                var close = _pattern.IndexOf(')', _position);
                if (close < 0)
                {
                    throw new PcreSyntaxException("missing ) after (?# comment", start);
                }

                _position = close + 1;
                return;
            case '<':
            case '\'':
                _position += 3;
                OpenNamedGroup(kind == '<' ? '>' : '\'', start);
                return;
            case 'P' when kind2 == '<':
                _position += 4;
                OpenNamedGroup('>', start);
                return;
            case 'P' when kind2 == '=':
                var end = _pattern.IndexOf(')', _position);
                if (end < 0)
                {
                    throw new PcreSyntaxException("missing ) after (?P=", start);
                }

                var name = _pattern[(_position + 4)..end];
                _position = end + 1;
                EmitBackreference(_namedGroups.TryGetValue(name, out var number)
                    ? number.ToString(CultureInfo.InvariantCulture)
                    : throw new PcreSyntaxException($"reference to unknown group name '{name}'", start));
                return;
            case '|':
                throw new PcreSyntaxException("branch reset groups (?|...) are not supported", start);
            case '(':
                throw new PcreSyntaxException("conditional groups (?(...)...) are not supported", start);
            case 'C':
                throw new PcreSyntaxException("callouts (?C...) are not supported", start);
            default:
                if (kind is 'R' or '&' or 'P' || char.IsAsciiDigit(kind) || (kind is '+' or '-' && char.IsAsciiDigit(kind2)))
                {
                    throw new PcreSyntaxException("recursion and subroutine calls are not supported", start);
                }

                TranslateOptionSetting(start);
                return;
        }
    }

    private void OpenNamedGroup(char terminator, int start)
    {
        var close = _pattern.IndexOf(terminator, _position);
        if (close < 0)
        {
            throw new PcreSyntaxException("missing terminator for group name", start);
        }

        var name = _pattern[_position..close];
        if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') || char.IsAsciiDigit(name[0]))
        {
            throw new PcreSyntaxException($"invalid group name '{name}'", start);
        }

        _position = close + 1;
        _captureCount++;
        _namedGroups.TryAdd(name, _captureCount);

        // A plain group keeps PCRE's numbering (.NET would number named groups after all unnamed ones).
        PushGroup("(");
    }

    /// <summary>(?imsx-imsx) or (?imsx-imsx: … ).</summary>
    private void TranslateOptionSetting(int start)
    {
        var i = _position + 2;
        var on = true;
        var emitted = new StringBuilder();
        var extended = _extended;
        var multiline = _multiline;
        if (i < _pattern.Length && _pattern[i] == '^')
        {
            // PCRE2 (?^) unsets i, m, n, s and x.
            emitted.Append("-imns");
            extended = false;
            multiline = false;
            on = false;
            i++;
        }

        for (; i < _pattern.Length && _pattern[i] is not (')' or ':'); i++)
        {
            var flag = _pattern[i];
            switch (flag)
            {
                case '-':
                    on = false;
                    emitted.Append('-');
                    break;
                case 'm':
                    multiline = on;
                    emitted.Append(flag);
                    break;
                case 'i':
                case 's':
                case 'n':
                    emitted.Append(flag);
                    break;
                case 'x':
                    extended = on;
                    if (i + 1 < _pattern.Length && _pattern[i + 1] == 'x')
                    {
                        i++;
                    }

                    break;
                case 'J':
                case 'X':
                    break;
                case 'U':
                    throw new PcreSyntaxException("the U (ungreedy) option is not supported", start);
                default:
                    throw new PcreSyntaxException($"unknown option letter '{flag}' after (?", start);
            }
        }

        if (i >= _pattern.Length)
        {
            throw new PcreSyntaxException("missing ) after (? options", start);
        }

        var options = emitted.ToString().TrimEnd('-');
        if (options.StartsWith('-') && options.Length == 1)
        {
            options = "";
        }

        if (_pattern[i] == ')')
        {
            _position = i + 1;
            if (options.Length > 0)
            {
                _output.Append("(?").Append(options).Append(')');
            }

            _extended = extended;
            _multiline = multiline;
            _lastAtomStart = -1;
            return;
        }

        _position = i + 1;
        PushGroup("(?" + options + ":");
        _extended = extended;
        _multiline = multiline;
    }

    private void PushGroup(string opening)
    {
        _groups.Push(new GroupFrame(_output.Length, _extended, _multiline));
        _output.Append(opening);
        _lastAtomStart = -1;
    }

    private void CloseGroup()
    {
        if (_groups.Count == 0)
        {
            throw new PcreSyntaxException("unmatched closing parenthesis", _position);
        }

        var frame = _groups.Pop();
        _output.Append(')');
        _position++;
        _extended = frame.Extended;
        _multiline = frame.Multiline;
        _lastAtomStart = frame.OutputStart;
    }


    /// <summary>Capturing groups in the whole pattern, to tell \10 (a back reference) from \012 (octal).</summary>
    private static int CountCaptures(string pattern)
    {
        var count = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    i++;
                }
            }
            else if (c == '(')
            {
                var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
                var afterQuestion = i + 2 < pattern.Length ? pattern[i + 2] : '\0';
                if (next != '?' && next != '*')
                {
                    count++;
                }
                else if (next == '?' && (afterQuestion == '\'' || (afterQuestion == '<' && i + 3 < pattern.Length && pattern[i + 3] is not ('=' or '!'))
                    || (afterQuestion == 'P' && i + 3 < pattern.Length && pattern[i + 3] == '<')))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
