namespace Palisade.Waf.Detection.Html;

/// <summary>
/// Reads a style attribute's value as the CSS parser sees it: character references decoded, whitespace and
/// comments dropped, escapes decoded (\65 or \000065 for 'e', \e for 'e'). No allocation.
/// </summary>
internal ref struct CssCharacterReader
{
    private const int MaxEscapeDigits = 6;

    private HtmlCharacterReader _inner;
    private char _pushedBack;
    private bool _hasPushedBack;

    public CssCharacterReader(ReadOnlySpan<char> value)
    {
        _inner = new HtmlCharacterReader(value, skipWhitespace: true);
    }

    public bool Next(out char c)
    {
        while (ReadRaw(out c))
        {
            if (c == '/')
            {
                if (ReadRaw(out var next))
                {
                    if (next == '*')
                    {
                        SkipComment();
                        continue;
                    }

                    PushBack(next);
                }

                return true;
            }

            if (c == '\\')
            {
                return ReadEscape(out c);
            }

            return true;
        }

        return false;
    }

    private bool ReadEscape(out char c)
    {
        var code = 0;
        var digits = 0;
        while (digits < MaxEscapeDigits && ReadRaw(out var next))
        {
            if (!char.IsAsciiHexDigit(next))
            {
                if (digits == 0)
                {
                    c = next;
                    return true;
                }

                PushBack(next);
                break;
            }

            code = (code * 16) + (next <= '9' ? next - '0' : (next | 0x20) - 'a' + 10);
            digits++;
        }

        c = code is 0 or > 0xFFFF ? '\uFFFD' : (char)code;
        return digits > 0;
    }

    private void SkipComment()
    {
        var previous = '\0';
        while (ReadRaw(out var c))
        {
            if (previous == '*' && c == '/')
            {
                return;
            }

            previous = c;
        }
    }

    private void PushBack(char c)
    {
        _pushedBack = c;
        _hasPushedBack = true;
    }

    private bool ReadRaw(out char c)
    {
        if (_hasPushedBack)
        {
            _hasPushedBack = false;
            c = _pushedBack;
            return true;
        }

        return _inner.Next(out c);
    }
}
