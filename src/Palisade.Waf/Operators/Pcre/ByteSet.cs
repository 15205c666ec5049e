namespace Palisade.Waf.Operators.Pcre;

/// <summary>A set of byte values (0–255), for rebuilding character classes.</summary>
internal sealed class ByteSet
{
    private readonly bool[] _members = new bool[256];

    public bool IsEmpty => Array.IndexOf(_members, true) < 0;

    public bool Contains(int value) => (uint)value < 256 && _members[value];

    public void Add(int value) => _members[value] = true;

    public void AddRange(int low, int high) => Array.Fill(_members, true, low, high - low + 1);

    public void UnionWith(ByteSet other)
    {
        for (var i = 0; i < 256; i++)
        {
            _members[i] |= other._members[i];
        }
    }

    public ByteSet Complement()
    {
        var complement = new ByteSet();
        for (var i = 0; i < 256; i++)
        {
            complement._members[i] = !_members[i];
        }

        return complement;
    }

    /// <summary>Runs of consecutive members; a run never crosses 0x7F/0x80, where the high-byte mapping starts.</summary>
    public IEnumerable<(int Low, int High)> Ranges()
    {
        var i = 0;
        while (i < 256)
        {
            if (!_members[i])
            {
                i++;
                continue;
            }

            var start = i;
            while (i + 1 < 256 && _members[i + 1] && i + 1 != 0x80)
            {
                i++;
            }

            yield return (start, i);
            i++;
        }
    }

    /// <summary>PCRE's \d \D \w \W \s \S \h \H \v \V over bytes with the "C" locale tables.</summary>
    public static ByteSet ForClassEscape(char escape)
    {
        var set = new ByteSet();
        switch (char.ToLowerInvariant(escape))
        {
            case 'd':
                set.AddRange('0', '9');
                break;
            case 'w':
                set.AddRange('0', '9');
                set.AddRange('A', 'Z');
                set.AddRange('a', 'z');
                set.Add('_');
                break;
            case 's':
                set.AddRange(0x09, 0x0D);
                set.Add(' ');
                break;
            case 'h':
                set.Add(0x09);
                set.Add(0x20);
                set.Add(0xA0);
                break;
            case 'v':
                set.AddRange(0x0A, 0x0D);
                set.Add(0x85);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(escape), escape, "Not a class escape.");
        }

        return char.IsUpper(escape) ? set.Complement() : set;
    }

    /// <summary>[:name:] in the "C" locale (ASCII only), or null for an unknown name.</summary>
    public static ByteSet? ForPosixClass(string name)
    {
        var set = new ByteSet();
        for (var c = 0; c < 128; c++)
        {
            var ch = (char)c;
            var member = name switch
            {
                "alnum" => char.IsAsciiLetterOrDigit(ch),
                "alpha" => char.IsAsciiLetter(ch),
                "ascii" => true,
                "blank" => ch is ' ' or '\t',
                "cntrl" => c < 32 || c == 127,
                "digit" => char.IsAsciiDigit(ch),
                "graph" => c is > 32 and < 127,
                "lower" => char.IsAsciiLetterLower(ch),
                "print" => c is >= 32 and < 127,
                "punct" => c is > 32 and < 127 && !char.IsAsciiLetterOrDigit(ch),
                "space" => c is >= 9 and <= 13 or 32,
                "upper" => char.IsAsciiLetterUpper(ch),
                "word" => char.IsAsciiLetterOrDigit(ch) || ch == '_',
                "xdigit" => char.IsAsciiHexDigit(ch),
                _ => (bool?)null,
            };
            if (member is null)
            {
                return null;
            }

            if (member.Value)
            {
                set.Add(c);
            }
        }

        return set;
    }
}
