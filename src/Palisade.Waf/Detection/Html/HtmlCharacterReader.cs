namespace Palisade.Waf.Detection.Html;

/// <summary>
/// Reads an attribute value the way a browser sees it when it resolves a URL or a style: character references
/// decoded (&amp;#106; &amp;#x6A; with or without ';', and the named ones used to hide schemes such as &amp;colon;
/// &amp;Tab; &amp;NewLine;), and optionally ASCII whitespace and control characters dropped, which browsers strip from
/// URLs ("jav&amp;#x09;ascript:"). No allocation.
/// </summary>
internal ref struct HtmlCharacterReader
{
    /// <summary>Code points above this are not characters; a reference that large reads as U+FFFD.</summary>
    private const int MaxCodePoint = 0x10FFFF;

    private readonly ReadOnlySpan<char> _value;
    private readonly bool _skipWhitespace;
    private int _position;

    public HtmlCharacterReader(ReadOnlySpan<char> value, bool skipWhitespace)
    {
        _value = value;
        _skipWhitespace = skipWhitespace;
    }

    /// <summary>The next decoded character, or false at the end.</summary>
    public bool Next(out char c)
    {
        while (_position < _value.Length)
        {
            c = _value[_position] == '&' ? DecodeReference() : _value[_position++];
            if (_skipWhitespace && c <= ' ')
            {
                continue;
            }

            return true;
        }

        c = '\0';
        return false;
    }

    private char DecodeReference()
    {
        var rest = _value[(_position + 1)..];
        if (rest.Length > 0 && rest[0] == '#')
        {
            var hex = rest.Length > 1 && rest[1] is 'x' or 'X';
            var i = hex ? 2 : 1;
            var digitsStart = i;
            var value = 0;
            while (i < rest.Length && (hex ? char.IsAsciiHexDigit(rest[i]) : char.IsAsciiDigit(rest[i])))
            {
                value = Math.Min(value * (hex ? 16 : 10) + HexValue(rest[i]), MaxCodePoint + 1);
                i++;
            }

            if (i == digitsStart)
            {
                _position++;
                return '&';
            }

            if (i < rest.Length && rest[i] == ';')
            {
                i++;
            }

            _position += 1 + i;
            return value is 0 or > 0xFFFF ? '\uFFFD' : (char)value;
        }

        foreach (var (name, character) in NamedReferences)
        {
            if (rest.StartsWith(name, StringComparison.Ordinal))
            {
                _position += 1 + name.Length;
                return character;
            }
        }

        _position++;
        return '&';
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>The named references that spell URL and script punctuation (WHATWG's named character list).</summary>
    private static readonly (string Name, char Character)[] NamedReferences =
    [
        ("colon;", ':'), ("Tab;", '\t'), ("NewLine;", '\n'), ("lpar;", '('), ("rpar;", ')'), ("sol;", '/'),
        ("bsol;", '\\'), ("quot;", '"'), ("apos;", '\''), ("amp;", '&'), ("lt;", '<'), ("gt;", '>'),
        ("nbsp;", '\u00A0'), ("excl;", '!'), ("num;", '#'), ("period;", '.'), ("comma;", ','), ("semi;", ';'),
        ("equals;", '='), ("grave;", '`'), ("quot", '"'), ("amp", '&'), ("lt", '<'), ("gt", '>'),
    ];
}
