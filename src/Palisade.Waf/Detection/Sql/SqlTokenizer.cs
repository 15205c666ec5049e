namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// Splits input into SQL tokens the way MySQL, PostgreSQL, SQL Server and Oracle would read it, starting in the
/// given quote context (libinjection's approach: the input may begin inside a string the application opened).
/// Forward-only over a span, no allocation, each character read a bounded number of times.
/// </summary>
internal ref struct SqlTokenizer
{
    private readonly ReadOnlySpan<char> _input;
    private readonly char _contextQuote;
    private int _position;
    private bool _startsInsideString;
    private bool _inExecutableComment;

    public SqlTokenizer(ReadOnlySpan<char> input, SqlQuoteContext context)
    {
        _input = input;
        _contextQuote = context switch
        {
            SqlQuoteContext.Single => '\'',
            SqlQuoteContext.Double => '"',
            _ => '\0',
        };
        _startsInsideString = _contextQuote != '\0';
    }

    public bool Next(out SqlToken token)
    {
        if (_startsInsideString)
        {
            _startsInsideString = false;
            token = ReadString(_position, '\0', _contextQuote, _position);
            return true;
        }

        var input = _input;
        while (_position < input.Length)
        {
            var c = input[_position];
            if (IsWhitespace(c))
            {
                _position++;
                continue;
            }

            switch (ReadSpecial(c, out token))
            {
                case SpecialRead.Token:
                    return true;
                case SpecialRead.Skipped:
                    continue;
                default:
                    token = IsDigit(c) || (c == '.' && IsDigit(Peek(1))) ? ReadNumber() : ReadWord();
                    return true;
            }
        }

        token = default;
        return false;
    }

    private enum SpecialRead
    {
        NotSpecial,
        Token,

        /// <summary>Consumed characters that carry no token: a backslash, an executable-comment marker.</summary>
        Skipped,
    }

    /// <summary>Reads punctuation, operators, strings, comments and variables; leaves words and numbers alone.</summary>
    private SpecialRead ReadSpecial(char c, out SqlToken token)
    {
        token = default;
        var start = _position;
        switch (c)
        {
            case '\'':
            case '"':
                token = ReadString(start, c, c, start + 1);
                return SpecialRead.Token;
            case '`':
                token = ReadQuotedIdentifier(start);
                return SpecialRead.Token;
            case '@':
                token = ReadVariable(start);
                return SpecialRead.Token;
            case '#':
                token = ReadLineComment(start, 1, SqlTokenFlags.HashComment);
                return SpecialRead.Token;
            case '(':
                token = Single(SqlTokenKind.LeftParen);
                return SpecialRead.Token;
            case ')':
                token = Single(SqlTokenKind.RightParen);
                return SpecialRead.Token;
            case ',':
                token = Single(SqlTokenKind.Comma);
                return SpecialRead.Token;
            case ';':
                token = Single(SqlTokenKind.Semicolon);
                return SpecialRead.Token;
            case '{':
            case '}':
                token = Single(SqlTokenKind.Brace);
                return SpecialRead.Token;
            case '[':
            case ']':
            case '?':
                token = Single(SqlTokenKind.Unknown);
                return SpecialRead.Token;
            case '\\':
                if (Peek(1) == 'N')
                {
                    // MySQL's \N is NULL.
                    token = Make(SqlTokenKind.Number, start, 2);
                    _position += 2;
                    return SpecialRead.Token;
                }

                _position++;
                return SpecialRead.Skipped;
            case '$':
                return TryReadDollarToken(start, out token) ? SpecialRead.Token : SpecialRead.NotSpecial;
            case '-':
                if (Peek(1) == '-' && IsDashCommentStart(Peek(2)))
                {
                    token = ReadLineComment(start, 2, SqlTokenFlags.DashComment);
                    return SpecialRead.Token;
                }

                if (Peek(1) == '>')
                {
                    token = Operator(Peek(2) == '>' ? 3 : 2, SqlTokenFlags.None);
                    return SpecialRead.Token;
                }

                token = Operator(1, SqlTokenFlags.Unary);
                return SpecialRead.Token;
            case '/':
                if (Peek(1) == '*')
                {
                    if (Peek(2) == '!')
                    {
                        // MySQL executes the inside of /*! ... */ (optionally /*!50000 ...): read it as SQL.
                        _position += 3;
                        var digits = 0;
                        while (digits < 6 && IsDigit(Peek(0)))
                        {
                            _position++;
                            digits++;
                        }

                        _inExecutableComment = true;
                        return SpecialRead.Skipped;
                    }

                    token = ReadBlockComment(start);
                    return SpecialRead.Token;
                }

                token = Operator(1, SqlTokenFlags.None);
                return SpecialRead.Token;
            case '*':
                if (_inExecutableComment && Peek(1) == '/')
                {
                    _inExecutableComment = false;
                    _position += 2;
                    return SpecialRead.Skipped;
                }

                token = Operator(1, SqlTokenFlags.Star);
                return SpecialRead.Token;
            case '+':
                token = Operator(1, SqlTokenFlags.Unary);
                return SpecialRead.Token;
            case '~':
                token = Operator(1, SqlTokenFlags.Unary | SqlTokenFlags.UnaryOnly);
                return SpecialRead.Token;
            case '%':
            case '^':
                token = Operator(1, SqlTokenFlags.None);
                return SpecialRead.Token;
            case '=':
                token = Operator(Peek(1) == '=' ? 2 : 1, SqlTokenFlags.Comparison);
                return SpecialRead.Token;
            case '<':
                if (Peek(1) == '=' && Peek(2) == '>')
                {
                    token = Operator(3, SqlTokenFlags.Comparison);
                }
                else if (Peek(1) is '=' or '>')
                {
                    token = Operator(2, SqlTokenFlags.Comparison);
                }
                else
                {
                    token = Peek(1) == '<' ? Operator(2, SqlTokenFlags.None) : Operator(1, SqlTokenFlags.Comparison);
                }

                return SpecialRead.Token;
            case '>':
                token = Peek(1) switch
                {
                    '=' => Operator(2, SqlTokenFlags.Comparison),
                    '>' => Operator(2, SqlTokenFlags.None),
                    _ => Operator(1, SqlTokenFlags.Comparison),
                };
                return SpecialRead.Token;
            case '!':
                token = Peek(1) is '=' or '<' or '>'
                    ? Operator(2, SqlTokenFlags.Comparison)
                    : Operator(1, SqlTokenFlags.Unary | SqlTokenFlags.UnaryOnly);
                return SpecialRead.Token;
            case '|':
                token = Peek(1) == '|' ? Logic(2) : Operator(1, SqlTokenFlags.None);
                return SpecialRead.Token;
            case '&':
                token = Peek(1) == '&' ? Logic(2) : Operator(1, SqlTokenFlags.None);
                return SpecialRead.Token;
            case ':':
                token = Peek(1) is ':' or '=' ? Operator(2, SqlTokenFlags.None) : Single(SqlTokenKind.Colon);
                return SpecialRead.Token;
            default:
                return SpecialRead.NotSpecial;
        }
    }

    private readonly char Peek(int offset)
    {
        var index = _position + offset;
        return index < _input.Length ? _input[index] : '\0';
    }

    private SqlToken Single(SqlTokenKind kind)
    {
        var token = Make(kind, _position, 1);
        _position++;
        return token;
    }

    private SqlToken Operator(int length, SqlTokenFlags flags)
    {
        var token = Make(SqlTokenKind.Operator, _position, length);
        token.Flags = flags;
        _position += length;
        return token;
    }

    private SqlToken Logic(int length)
    {
        var token = Make(SqlTokenKind.Logic, _position, length);
        _position += length;
        return token;
    }

    private static SqlToken Make(SqlTokenKind kind, int start, int length) =>
        new() { Kind = kind, Start = start, Length = length };

    /// <summary>
    /// A string literal from <paramref name="start"/>; <paramref name="contentStart"/> skips the opening quote and any
    /// prefix (N'…', _utf8'…'). A backslash escapes the next character (MySQL) and a doubled quote stands for itself.
    /// </summary>
    private SqlToken ReadString(int start, char openQuote, char quote, int contentStart)
    {
        var input = _input;
        var i = contentStart;
        while (i < input.Length)
        {
            var c = input[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < input.Length && input[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                _position = i + 1;
                return new SqlToken
                {
                    Kind = SqlTokenKind.String,
                    OpenQuote = openQuote,
                    CloseQuote = quote,
                    Start = start,
                    Length = i + 1 - start,
                };
            }

            i++;
        }

        _position = input.Length;
        return new SqlToken { Kind = SqlTokenKind.String, OpenQuote = openQuote, Start = start, Length = input.Length - start };
    }

    /// <summary>MySQL's `quoted identifier` is a name, not a string.</summary>
    private SqlToken ReadQuotedIdentifier(int start)
    {
        var end = _input[(start + 1)..].IndexOf('`');
        _position = end < 0 ? _input.Length : start + 1 + end + 1;
        return Make(SqlTokenKind.Bareword, start, _position - start);
    }

    /// <summary>@name, @@system_variable, @'quoted', @"quoted", @`quoted`.</summary>
    private SqlToken ReadVariable(int start)
    {
        var i = start + 1;
        if (i < _input.Length && _input[i] == '@')
        {
            i++;
        }

        if (i < _input.Length && _input[i] is '\'' or '"' or '`')
        {
            var quote = _input[i];
            var close = _input[(i + 1)..].IndexOf(quote);
            i = close < 0 ? _input.Length : i + 1 + close + 1;
        }
        else
        {
            while (i < _input.Length && IsWordChar(_input[i]))
            {
                i++;
            }
        }

        _position = i;
        return Make(SqlTokenKind.Variable, start, i - start);
    }

    /// <summary>PostgreSQL dollar-quoted strings ($$…$$, $tag$…$tag$) and positional parameters ($1).</summary>
    private bool TryReadDollarToken(int start, out SqlToken token)
    {
        token = default;
        if (IsDigit(Peek(1)))
        {
            var i = start + 1;
            while (i < _input.Length && IsDigit(_input[i]))
            {
                i++;
            }

            token = Make(SqlTokenKind.Number, start, i - start);
            _position = i;
            return true;
        }

        var tagEnd = start + 1;
        while (tagEnd < _input.Length && (IsAsciiLetter(_input[tagEnd]) || _input[tagEnd] == '_'))
        {
            tagEnd++;
        }

        if (tagEnd >= _input.Length || _input[tagEnd] != '$')
        {
            return false;
        }

        var tag = _input[start..(tagEnd + 1)];
        var close = _input[(tagEnd + 1)..].IndexOf(tag);
        var end = close < 0 ? _input.Length : tagEnd + 1 + close + tag.Length;
        token = new SqlToken
        {
            Kind = SqlTokenKind.String,
            OpenQuote = '$',
            CloseQuote = close < 0 ? '\0' : '$',
            Start = start,
            Length = end - start,
        };
        _position = end;
        return true;
    }

    /// <summary>'--' starts a comment when whitespace, a control character, punctuation or the end follows.</summary>
    private static bool IsDashCommentStart(char next) => next == '\0' || !(char.IsAsciiLetterOrDigit(next) || next >= 0x80);

    private SqlToken ReadLineComment(int start, int markerLength, SqlTokenFlags style)
    {
        var rest = _input[(start + markerLength)..];
        var newline = rest.IndexOf('\n');
        var text = newline < 0 ? rest : rest[..newline];
        _position = start + markerLength + text.Length;
        var token = Make(SqlTokenKind.Comment, start, _position - start);
        token.Flags = style | (HasLetterOrDigit(text) ? SqlTokenFlags.CommentHasText : SqlTokenFlags.None);
        return token;
    }

    private SqlToken ReadBlockComment(int start)
    {
        var rest = _input[(start + 2)..];
        var close = rest.IndexOf("*/");
        var text = close < 0 ? rest : rest[..close];
        _position = close < 0 ? _input.Length : start + 2 + close + 2;
        var token = Make(SqlTokenKind.Comment, start, _position - start);
        token.Flags = SqlTokenFlags.BlockComment | (HasLetterOrDigit(text) ? SqlTokenFlags.CommentHasText : SqlTokenFlags.None);

        // The closing '*' counts too: in "/*/*/" the second '/' and the closer's '*' open a nested comment where
        // nesting dialects read one.
        if (close >= 0 && rest[..(close + 1)].Contains("/*", StringComparison.Ordinal))
        {
            token.Flags |= SqlTokenFlags.NestedCommentOpener;
        }

        return token;
    }

    /// <summary>Decimal, hexadecimal (0x1F), binary (0b101) and floating numbers. "1st" or "20.to_i" are names.</summary>
    private SqlToken ReadNumber()
    {
        var input = _input;
        var start = _position;
        var i = start;
        if (input[i] == '0' && Peek(1) is 'x' or 'X' && char.IsAsciiHexDigit(Peek(2)))
        {
            i += 2;
            while (i < input.Length && char.IsAsciiHexDigit(input[i]))
            {
                i++;
            }
        }
        else if (input[i] == '0' && Peek(1) is 'b' or 'B' && Peek(2) is '0' or '1')
        {
            i += 2;
            while (i < input.Length && input[i] is '0' or '1')
            {
                i++;
            }
        }
        else
        {
            while (i < input.Length && IsDigit(input[i]))
            {
                i++;
            }

            if (i < input.Length && input[i] == '.')
            {
                i++;
                while (i < input.Length && IsDigit(input[i]))
                {
                    i++;
                }
            }

            if (i < input.Length && input[i] is 'e' or 'E')
            {
                var exponent = i + 1;
                if (exponent < input.Length && input[exponent] is '+' or '-')
                {
                    exponent++;
                }

                if (exponent < input.Length && IsDigit(input[exponent]))
                {
                    i = exponent;
                    while (i < input.Length && IsDigit(input[i]))
                    {
                        i++;
                    }
                }
            }
        }

        if (i < input.Length && IsWordChar(input[i]))
        {
            // Letters glued to the digits make a name in MySQL ("1st", "10px", "20.to_i").
            while (i < input.Length && IsWordChar(input[i]))
            {
                i++;
            }

            _position = i;
            return Make(SqlTokenKind.Bareword, start, i - start);
        }

        _position = i;
        return Make(SqlTokenKind.Number, start, i - start);
    }

    private SqlToken ReadWord()
    {
        var input = _input;
        var start = _position;
        var i = start;
        while (i < input.Length && IsWordChar(input[i]))
        {
            i++;
        }

        if (i == start)
        {
            // A character no rule above claims: skip it as one unknown token so the tokenizer always advances.
            _position = start + 1;
            return Make(SqlTokenKind.Unknown, start, 1);
        }

        var word = input[start..i];
        var dot = word.IndexOf('.');
        if (dot > 0 && SqlWords.TryGet(word[..dot], out var head) && head.Kind is not (SqlTokenKind.Bareword or SqlTokenKind.Function))
        {
            // "select.1", "union.select": MySQL reads the keyword, then the rest.
            i = start + dot;
            word = word[..dot];
        }

        if (i < input.Length && input[i] == '\'' && IsStringPrefix(word))
        {
            return ReadString(start, '\'', '\'', i + 1);
        }

        _position = i;
        var token = Make(SqlTokenKind.Bareword, start, i - start);
        var parenAdjacent = i < input.Length && input[i] == '(';
        var parenFollows = parenAdjacent || NextNonWhitespace(i) == '(';

        if (SqlWords.TryGet(word, out var info))
        {
            token.Kind = info.Kind;
            token.Word = info.Word;
            token.Flags = info.Flags;
            if (info.Kind == SqlTokenKind.Function && !parenFollows)
            {
                token.Kind = SqlTokenKind.Bareword;
            }
            else if ((info.Flags & SqlTokenFlags.CallableWord) != 0 && parenAdjacent)
            {
                token.Kind = SqlTokenKind.Function;
            }

            return token;
        }

        var lastDot = word.LastIndexOf('.');
        if (lastDot >= 0 && lastDot < word.Length - 1
            && SqlWords.TryGet(word[(lastDot + 1)..], out var member) && member.Kind == SqlTokenKind.Function)
        {
            // Package and schema qualified calls: dbms_lock.sleep(, master..xp_cmdshell, utl_inaddr.get_host_name(.
            token.Kind = parenFollows ? SqlTokenKind.Function : SqlTokenKind.Bareword;
            token.Flags = member.Flags;
            return token;
        }

        if (parenAdjacent)
        {
            token.Kind = SqlTokenKind.Function;
            token.Flags = SqlTokenFlags.GenericCall;
        }

        return token;
    }

    private readonly char NextNonWhitespace(int from)
    {
        for (var i = from; i < _input.Length; i++)
        {
            if (!IsWhitespace(_input[i]))
            {
                return _input[i];
            }
        }

        return '\0';
    }

    /// <summary>N'…' (national), X'…' / B'…' (hex, bit), E'…' (PostgreSQL escapes), _charset'…' (MySQL introducer).</summary>
    private static bool IsStringPrefix(ReadOnlySpan<char> word) =>
        (word.Length == 1 && word[0] is 'n' or 'N' or 'x' or 'X' or 'b' or 'B' or 'e' or 'E')
        || (word.Length > 1 && word[0] == '_');

    private static bool HasLetterOrDigit(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Spaces, control characters and the no-break space, which MySQL also skips.</summary>
    public static bool IsWhitespace(char c) => c <= ' ' || c == '\u007F' || c == '\u00A0';

    private static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    private static bool IsAsciiLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    /// <summary>Letters, digits, '_', '$', '.' (qualified names) and every non-ASCII character.</summary>
    private static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.' || (c >= 0x80 && c != '\u00A0');
}
