namespace Palisade.Waf.Detection.Html;

/// <summary>
/// A forward-only HTML tokenizer after the WHATWG tokenization states (data, tag open, tag name, attribute name and
/// value in their quoted and unquoted forms, comments, bogus comments, doctype), reduced to what the XSS rules
/// need, and able to start in any <see cref="HtmlContext"/>. Each character is read a bounded number of times.
/// </summary>
internal ref struct HtmlTokenizer
{
    private readonly ReadOnlySpan<char> _input;
    private int _position;
    private State _state;
    private char _quote;

    public HtmlTokenizer(ReadOnlySpan<char> input, HtmlContext context)
    {
        _input = input;
        (_state, _quote) = context switch
        {
            HtmlContext.AttributeName => (State.BeforeAttributeName, '\0'),
            HtmlContext.DoubleQuotedValue => (State.AttributeValueQuoted, '"'),
            HtmlContext.SingleQuotedValue => (State.AttributeValueQuoted, '\''),
            HtmlContext.BackQuotedValue => (State.AttributeValueQuoted, '`'),
            _ => (State.Data, '\0'),
        };
    }

    private enum State : byte
    {
        Data,
        TagOpen,
        EndTagOpen,
        TagName,
        BeforeAttributeName,
        AttributeName,
        AfterAttributeName,
        BeforeAttributeValue,
        AttributeValueQuoted,
        AttributeValueUnquoted,
        AfterAttributeValueQuoted,
        MarkupDeclarationOpen,
        End,
    }

    public bool Next(out HtmlToken token)
    {
        var input = _input;
        while (true)
        {
            switch (_state)
            {
                case State.Data:
                {
                    var lessThan = input[_position..].IndexOf('<');
                    if (lessThan < 0)
                    {
                        _state = State.End;
                        break;
                    }

                    _position += lessThan + 1;
                    _state = State.TagOpen;
                    break;
                }

                case State.TagOpen:
                {
                    var c = CurrentOrEnd;
                    if (c == '!')
                    {
                        _position++;
                        _state = State.MarkupDeclarationOpen;
                    }
                    else if (c == '/')
                    {
                        _position++;
                        _state = State.EndTagOpen;
                    }
                    else if (c == '?')
                    {
                        // <?xml …>: a bogus comment whose text keeps the '?'.
                        token = ReadUntilGreaterThan(HtmlTokenKind.BogusComment);
                        return true;
                    }
                    else if (char.IsAsciiLetter(c))
                    {
                        token = ReadTagName(HtmlTokenKind.TagName);
                        return true;
                    }
                    else
                    {
                        // "a < b", "<3": the '<' was text.
                        _state = State.Data;
                    }

                    break;
                }

                case State.EndTagOpen:
                {
                    var c = CurrentOrEnd;
                    if (char.IsAsciiLetter(c))
                    {
                        token = ReadTagName(HtmlTokenKind.EndTagName);
                        return true;
                    }

                    if (c == '>')
                    {
                        _position++;
                        _state = State.Data;
                        break;
                    }

                    if (c == '\0' && _position >= input.Length)
                    {
                        _state = State.End;
                        break;
                    }

                    token = ReadUntilGreaterThan(HtmlTokenKind.BogusComment);
                    return true;
                }

                case State.BeforeAttributeName:
                {
                    SkipWhitespace();
                    if (_position >= input.Length)
                    {
                        _state = State.End;
                        break;
                    }

                    var c = input[_position];
                    if (c == '/')
                    {
                        // Self-closing slash, or a slash between attributes (<svg/onload=…>): both skip it.
                        _position++;
                    }
                    else if (c == '>')
                    {
                        _position++;
                        _state = State.Data;
                    }
                    else
                    {
                        token = ReadAttributeName();
                        return true;
                    }

                    break;
                }

                case State.AfterAttributeName:
                {
                    SkipWhitespace();
                    if (_position >= input.Length)
                    {
                        _state = State.End;
                        break;
                    }

                    var c = input[_position];
                    if (c == '=')
                    {
                        _position++;
                        _state = State.BeforeAttributeValue;
                    }
                    else if (c == '/')
                    {
                        _position++;
                        _state = State.BeforeAttributeName;
                    }
                    else if (c == '>')
                    {
                        _position++;
                        _state = State.Data;
                    }
                    else
                    {
                        token = ReadAttributeName();
                        return true;
                    }

                    break;
                }

                case State.BeforeAttributeValue:
                {
                    SkipWhitespace();
                    var c = CurrentOrEnd;
                    if (c is '"' or '\'' or '`')
                    {
                        _quote = c;
                        _position++;
                        _state = State.AttributeValueQuoted;
                    }
                    else if (c == '>')
                    {
                        _position++;
                        _state = State.Data;
                    }
                    else if (_position >= input.Length)
                    {
                        _state = State.End;
                    }
                    else
                    {
                        _state = State.AttributeValueUnquoted;
                    }

                    break;
                }

                case State.AttributeValueQuoted:
                {
                    var start = _position;
                    var close = input[start..].IndexOf(_quote);
                    if (close < 0)
                    {
                        _position = input.Length;
                        _state = State.End;
                        token = new HtmlToken(HtmlTokenKind.AttributeValue, start, input.Length - start);
                        return true;
                    }

                    _position = start + close + 1;
                    _state = State.AfterAttributeValueQuoted;
                    token = new HtmlToken(HtmlTokenKind.AttributeValue, start, close);
                    return true;
                }

                case State.AttributeValueUnquoted:
                {
                    var start = _position;
                    while (_position < input.Length && !IsWhitespace(input[_position]) && input[_position] != '>')
                    {
                        _position++;
                    }

                    _state = State.BeforeAttributeName;
                    token = new HtmlToken(HtmlTokenKind.AttributeValue, start, _position - start);
                    return true;
                }

                case State.AfterAttributeValueQuoted:
                {
                    var c = CurrentOrEnd;
                    if (c == '>')
                    {
                        _position++;
                        _state = State.Data;
                    }
                    else if (_position >= input.Length)
                    {
                        _state = State.End;
                    }
                    else
                    {
                        // Whitespace, '/' or (a parse error the browser forgives) the next attribute right away.
                        _state = State.BeforeAttributeName;
                    }

                    break;
                }

                case State.MarkupDeclarationOpen:
                {
                    var rest = input[_position..];
                    if (rest.StartsWith("--"))
                    {
                        token = ReadComment();
                        return true;
                    }

                    if (rest.StartsWith("doctype", StringComparison.OrdinalIgnoreCase))
                    {
                        token = ReadUntilGreaterThan(HtmlTokenKind.Doctype);
                        return true;
                    }

                    token = ReadUntilGreaterThan(HtmlTokenKind.BogusComment);
                    return true;
                }

                default:
                    token = default;
                    return false;
            }
        }
    }

    private readonly char CurrentOrEnd => _position < _input.Length ? _input[_position] : '\0';

    private void SkipWhitespace()
    {
        while (_position < _input.Length && IsWhitespace(_input[_position]))
        {
            _position++;
        }
    }

    /// <summary>A tag name runs to whitespace, '/' or '&gt;' (so "scr&lt;script" is one odd name, as in browsers).</summary>
    private HtmlToken ReadTagName(HtmlTokenKind kind)
    {
        var start = _position;
        while (_position < _input.Length && !IsWhitespace(_input[_position]) && _input[_position] is not ('/' or '>'))
        {
            _position++;
        }

        _state = State.BeforeAttributeName;
        return new HtmlToken(kind, start, _position - start);
    }

    /// <summary>An attribute name runs to whitespace, '/', '&gt;' or '=' (a leading '=' belongs to the name).</summary>
    private HtmlToken ReadAttributeName()
    {
        var start = _position;
        _position++;
        while (_position < _input.Length && !IsWhitespace(_input[_position]) && _input[_position] is not ('/' or '>' or '='))
        {
            _position++;
        }

        _state = State.AfterAttributeName;
        return new HtmlToken(HtmlTokenKind.AttributeName, start, _position - start);
    }

    /// <summary>&lt;!-- … --&gt; (also closed by --!&gt;, or abruptly by &lt;!--&gt; and &lt;!---&gt;).</summary>
    private HtmlToken ReadComment()
    {
        var start = _position + 2;
        var rest = _input[start..];
        if (rest.StartsWith(">") || rest.StartsWith("->"))
        {
            _position = start + rest.IndexOf('>') + 1;
            _state = State.Data;
            return new HtmlToken(HtmlTokenKind.Comment, start, 0);
        }

        var end = rest.IndexOf("--");
        while (end >= 0)
        {
            var after = rest[(end + 2)..];
            if (after.StartsWith(">") || after.StartsWith("!>"))
            {
                _position = start + end + 2 + (after[0] == '!' ? 2 : 1);
                _state = State.Data;
                return new HtmlToken(HtmlTokenKind.Comment, start, end);
            }

            var next = after.IndexOf("--");
            end = next < 0 ? -1 : end + 2 + next;
        }

        _position = _input.Length;
        _state = State.End;
        return new HtmlToken(HtmlTokenKind.Comment, start, _input.Length - start);
    }

    private HtmlToken ReadUntilGreaterThan(HtmlTokenKind kind)
    {
        var start = _position;
        var close = _input[start..].IndexOf('>');
        if (close < 0)
        {
            _position = _input.Length;
            _state = State.End;
            return new HtmlToken(kind, start, _input.Length - start);
        }

        _position = start + close + 1;
        _state = State.Data;
        return new HtmlToken(kind, start, close);
    }

    /// <summary>HTML's whitespace, plus NUL and vertical tab that old browsers also skipped inside tags.</summary>
    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '\0';
}
