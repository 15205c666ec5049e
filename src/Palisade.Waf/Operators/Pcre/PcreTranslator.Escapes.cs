using System.Globalization;

namespace Palisade.Waf.Operators.Pcre;

/// <summary>Backslash escapes outside character classes, and the character escapes shared with classes.</summary>
internal sealed partial class PcreTranslator
{
    private void TranslateEscape()
    {
        var start = _position;
        if (_position + 1 >= _pattern.Length)
        {
            throw new PcreSyntaxException("\\ at end of pattern", start);
        }

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
                // With high bytes mapped to symbols, .NET's classes accept exactly PCRE's ASCII sets.
                EmitAtom("\\" + e);
                break;
            case 'h':
            case 'H':
            case 'v':
            case 'V':
                EmitAtom(ClassText(ByteSet.ForClassEscape(e), negate: false));
                break;
            case 'R':
                EmitAtom("(?:\\x0D\\x0A|[\\x0A-\\x0D\\u2585])");
                break;
            case 'N':
                if (_position < _pattern.Length && _pattern[_position] == '{')
                {
                    throw new PcreSyntaxException("\\N{...} is not supported without UTF mode", start);
                }

                EmitAtom("[^\\x0A]");
                break;
            case 'b':
            case 'B':
            case 'A':
            case 'z':
            case 'Z':
                _output.Append('\\').Append(e);
                _lastAtomStart = -1;
                break;
            case 'G':
                _output.Append("\\G");
                _lastAtomStart = -1;
                RequireBacktracking("\\G anchor");
                break;
            case 'Q':
                TranslateQuoted();
                break;
            case 'E':
                break;
            case 'p':
            case 'P':
                EmitAtom(ReadPropertyEscape(e, start));
                break;
            case 'g':
            case 'k':
                EmitBackreference(ReadNamedOrRelativeReference(e, start));
                break;
            case >= '1' and <= '9':
                TranslateDigitEscape(start);
                break;
            case 'K':
            case 'X':
            case 'C':
                throw new PcreSyntaxException($"\\{e} is not supported", start);
            default:
                EmitByte(ReadCharacterEscape(e, start, inClass: false));
                break;
        }
    }

    /// <summary>
    /// A single-character escape (\n, \x41, \x{41}, \101, \cA, \. …) after its letter has been consumed.
    /// </summary>
    private int ReadCharacterEscape(char e, int start, bool inClass)
    {
        switch (e)
        {
            case 'a':
                return 0x07;
            case 'e':
                return 0x1B;
            case 'f':
                return 0x0C;
            case 'n':
                return 0x0A;
            case 'r':
                return 0x0D;
            case 't':
                return 0x09;
            case 'b' when inClass:
                return 0x08;
            case 'x':
                return ReadHexEscape(start);
            case 'o':
                return ReadBracedNumber(8, start);
            case 'c':
                if (_position >= _pattern.Length)
                {
                    throw new PcreSyntaxException("\\c at end of pattern", start);
                }

                var control = char.ToUpperInvariant(_pattern[_position++]);
                return (control ^ 0x40) & 0xFF;
            case >= '0' and <= '7':
                // \0 takes up to two more octal digits; in a class \1–\7 are octal too (up to three digits).
                return ReadOctal(e, 2);
            case '8':
            case '9':
                return e;
            default:
                if (e > 0xFF)
                {
                    throw new PcreSyntaxException($"character U+{(int)e:X4} is not a byte; patterns are byte strings", start);
                }

                return e;
        }
    }

    private int ReadOctal(char firstDigit, int moreDigits)
    {
        var value = firstDigit - '0';
        for (var k = 0; k < moreDigits && _position < _pattern.Length && _pattern[_position] is >= '0' and <= '7'; k++)
        {
            value = (value * 8) + (_pattern[_position++] - '0');
        }

        return value & 0xFF;
    }

    private int ReadHexEscape(int start)
    {
        if (_position < _pattern.Length && _pattern[_position] == '{')
        {
            return ReadBracedNumber(16, start);
        }

        var value = 0;
        for (var k = 0; k < 2 && _position < _pattern.Length && char.IsAsciiHexDigit(_pattern[_position]); k++)
        {
            value = (value * 16) + HexValue(_pattern[_position++]);
        }

        return value;
    }

    private int ReadBracedNumber(int radix, int start)
    {
        if (_position >= _pattern.Length || _pattern[_position] != '{')
        {
            throw new PcreSyntaxException("expected '{' after \\o", start);
        }

        var close = _pattern.IndexOf('}', _position);
        if (close < 0)
        {
            throw new PcreSyntaxException("missing '}' in escape", start);
        }

        var digits = _pattern.AsSpan(_position + 1, close - _position - 1).Trim();
        long value = 0;
        if (digits.IsEmpty)
        {
            throw new PcreSyntaxException("empty number in escape", start);
        }

        foreach (var d in digits)
        {
            var v = radix == 16 && char.IsAsciiHexDigit(d) ? HexValue(d) : radix == 8 && d is >= '0' and <= '7' ? d - '0' : -1;
            if (v < 0)
            {
                throw new PcreSyntaxException($"'{d}' is not a base-{radix} digit", start);
            }

            value = Math.Min((value * radix) + v, int.MaxValue);
        }

        if (value > 0xFF)
        {
            throw new PcreSyntaxException(
                $"character value {value:X} is above 0xFF, which PCRE rejects outside UTF mode (ModSecurity compiles without it)", start);
        }

        _position = close + 1;
        return (int)value;
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    private void TranslateQuoted()
    {
        var end = _pattern.IndexOf("\\E", _position, StringComparison.Ordinal);
        var stop = end < 0 ? _pattern.Length : end;
        for (; _position < stop; _position++)
        {
            EmitByte(_pattern[_position]);
        }

        _position = end < 0 ? _pattern.Length : end + 2;
    }

    private string ReadPropertyEscape(char e, int start)
    {
        if (_position >= _pattern.Length)
        {
            throw new PcreSyntaxException($"\\{e} at end of pattern", start);
        }

        if (_pattern[_position] != '{')
        {
            return $"\\{e}{{{_pattern[_position++]}}}";
        }

        var close = _pattern.IndexOf('}', _position);
        if (close < 0)
        {
            throw new PcreSyntaxException("missing '}' after \\p", start);
        }

        var name = _pattern[(_position + 1)..close];
        _position = close + 1;
        var negate = name.StartsWith('^');
        if (negate)
        {
            name = name[1..];
            e = e == 'p' ? 'P' : 'p';
        }

        return $"\\{e}{{{name}}}";
    }

    private void TranslateDigitEscape(int start)
    {
        // \1–\9 are always back references; \10 and up only when that many groups exist, else octal (pcre2pattern).
        var digitsStart = _position - 1;
        var i = digitsStart;
        while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
        {
            i++;
        }

        var number = int.Parse(_pattern.AsSpan(digitsStart, Math.Min(i - digitsStart, 6)), CultureInfo.InvariantCulture);
        if (number < 10 || number <= _totalCaptures)
        {
            _position = i;
            EmitBackreference(number.ToString(CultureInfo.InvariantCulture));
            return;
        }

        var first = _pattern[digitsStart];
        if (first is '8' or '9')
        {
            EmitByte(first);
            return;
        }

        EmitByte(ReadOctal(first, 2));
    }

    private string ReadNamedOrRelativeReference(char e, int start)
    {
        if (_position >= _pattern.Length)
        {
            throw new PcreSyntaxException($"\\{e} at end of pattern", start);
        }

        var open = _pattern[_position];
        string reference;
        if (open is '{' or '<' or '\'')
        {
            if (e == 'g' && open is '<' or '\'')
            {
                throw new PcreSyntaxException("subroutine calls (\\g<...>) are not supported", start);
            }

            var closeChar = open switch { '{' => '}', '<' => '>', _ => '\'' };
            var close = _pattern.IndexOf(closeChar, _position + 1);
            if (close < 0)
            {
                throw new PcreSyntaxException($"missing '{closeChar}' in \\{e} reference", start);
            }

            reference = _pattern[(_position + 1)..close];
            _position = close + 1;
        }
        else if (e == 'g')
        {
            var i = _position;
            if (i < _pattern.Length && _pattern[i] is '-' or '+')
            {
                i++;
            }

            while (i < _pattern.Length && char.IsAsciiDigit(_pattern[i]))
            {
                i++;
            }

            reference = _pattern[_position..i];
            _position = i;
        }
        else
        {
            throw new PcreSyntaxException("\\k must be followed by <name>, 'name' or {name}", start);
        }

        if (reference.Length == 0)
        {
            throw new PcreSyntaxException($"empty \\{e} reference", start);
        }

        if (int.TryParse(reference, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            var absolute = reference[0] is '-' ? _captureCount + number + 1 : reference[0] is '+' ? _captureCount + number : number;
            if (absolute <= 0)
            {
                throw new PcreSyntaxException($"reference to non-existent group {reference}", start);
            }

            return absolute.ToString(CultureInfo.InvariantCulture);
        }

        return _namedGroups.TryGetValue(reference, out var named)
            ? named.ToString(CultureInfo.InvariantCulture)
            : throw new PcreSyntaxException($"reference to unknown group name '{reference}'", start);
    }

    private void EmitBackreference(string groupNumber)
    {
        EmitAtom($"\\k<{groupNumber}>");
        RequireBacktracking("backreference");
    }
}
