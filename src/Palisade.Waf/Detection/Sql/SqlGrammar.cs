using static Palisade.Waf.Detection.Sql.SqlExpressionTraits;

namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// Decides whether a folded token window is SQL injection. Where libinjection looks the fingerprint up in a list of
/// known-bad fingerprints, we parse the window with a small SQL grammar and require two things:
/// <list type="number">
/// <item>the window is a valid prefix of SQL when placed in its context (English prose almost never is), and</item>
/// <item>it contains a construct only an injection needs: a string break-out followed by SQL, a logic operator
/// with a tautology or a call, UNION SELECT, a stacked statement, comment truncation, a subquery, a time or file
/// function, an ORDER BY probe, WAITFOR DELAY, INTO OUTFILE.</item>
/// </list>
/// The end of the window means "more may follow", so a truncated window is judged on what it shows.
/// </summary>
internal ref partial struct SqlGrammar
{
    /// <summary>Traits that make a break-out expression an attack in a quoted context ('+sleep(5)+', '=', …).</summary>
    private const SqlExpressionTraits QuotedStrongTraits =
        Call | AttackCall | Subquery | Variable | LiteralComparison | ReopenedString;

    private readonly ReadOnlySpan<SqlToken> _tokens;
    private readonly bool _truncated;
    private readonly ReadOnlySpan<char> _input;
    private readonly bool _quoted;
    private int _position;
    private bool _strong;

    /// <summary>The expression the input starts with (the break-out value); the rules for what follows use it.</summary>
    private SqlExpressionTraits _prefix;

    /// <summary>The prefix's token when the prefix is a single token, otherwise -1.</summary>
    private int _prefixToken = -1;

    /// <summary>The operand of the latest logic operator ("or true" in "1 or true--").</summary>
    private SqlExpressionTraits _lastLogicOperand;

    /// <summary>The quote of the context ('\0' in a value context).</summary>
    private readonly char _quote;

    /// <summary>
    /// The text the input closes holds whitespace: a sentence with a quote in it. Reopening a string after it
    /// ("… a trailing '/'") is then prose, not the '-' / '=' probe it resembles.
    /// </summary>
    private bool _breakoutIsProse;

    private SqlGrammar(ReadOnlySpan<SqlToken> tokens, bool truncated, ReadOnlySpan<char> input, SqlQuoteContext context)
    {
        _tokens = tokens;
        _truncated = truncated;
        _input = input;
        _quoted = context != SqlQuoteContext.None;
        _quote = context switch
        {
            SqlQuoteContext.Single => '\'',
            SqlQuoteContext.Double => '"',
            _ => '\0',
        };
    }

    /// <summary>
    /// Judges a folded window; <paramref name="truncated"/> says the input went on beyond it, so the end of the
    /// window is not the end of the input.
    /// </summary>
    public static bool IsInjection(ReadOnlySpan<SqlToken> tokens, bool truncated, ReadOnlySpan<char> input, SqlQuoteContext context)
    {
        var grammar = new SqlGrammar(tokens, truncated, input, context);
        return grammar.Parse() && grammar._strong;
    }

    /// <summary>The end of the window: more may follow in the input.</summary>
    private readonly bool AtEnd => _position >= _tokens.Length;

    /// <summary>The end of the input itself (a statement that needs more is incomplete here).</summary>
    private readonly bool AtInputEndAt(int offset) => _position + offset >= _tokens.Length && !_truncated;

    private readonly ref readonly SqlToken Current => ref _tokens[_position];

    private readonly SqlTokenKind KindAt(int offset) =>
        _position + offset < _tokens.Length ? _tokens[_position + offset].Kind : SqlTokenKind.None;

    private bool Parse()
    {
        if (_tokens.IsEmpty)
        {
            return false;
        }

        return _quoted ? ParseQuoted() : ParseValueContext();
    }

    /// <summary>The input starts inside a string: the first token must close it, and SQL must follow.</summary>
    private bool ParseQuoted()
    {
        ref readonly var breakout = ref _tokens[0];
        if (breakout.Kind != SqlTokenKind.String || breakout.OpenQuote != '\0' || breakout.CloseQuote == '\0')
        {
            return false;
        }

        _position = 1;
        _breakoutIsProse = HasWhitespace(breakout);
        if (AtEnd)
        {
            return true;
        }

        // x' sleep(5) ' or x' (select …) ': a time or file function or a subquery right after the break-out.
        // Not valid SQL, but nothing else puts one there; libinjection flags the same shapes.
        if ((Current.Kind == SqlTokenKind.Function && Current.Has(SqlTokenFlags.AttackFunction) && KindAt(1) == SqlTokenKind.LeftParen)
            || (Current.Kind == SqlTokenKind.LeftParen && _position + 1 < _tokens.Length
                && _tokens[_position + 1].Is(SqlTokenKind.Statement, SqlWord.Select)))
        {
            _strong = true;
            return true;
        }

        var traits = _breakoutIsProse ? StringLiteral | ProseString : StringLiteral;
        if (!ParseExpressionTail(ref traits, allowLogic: false, leftOperand: 0))
        {
            return false;
        }

        if (_position > 1 && (traits & QuotedStrongTraitsAfter()) != 0)
        {
            _strong = true;
        }

        _prefix = traits;
        return ParseContinuation();
    }

    /// <summary>The input stands where the query expects a value (a number) or is a statement of its own.</summary>
    private bool ParseValueContext()
    {
        ref readonly var first = ref Current;
        if (first.Kind is SqlTokenKind.Statement or SqlTokenKind.Union or SqlTokenKind.Procedural
            || first.Is(SqlTokenKind.Keyword, SqlWord.Set) || first.Is(SqlTokenKind.Keyword, SqlWord.If))
        {
            return ParseStatement(stacked: false) && ParseContinuation();
        }

        if (first.Kind == SqlTokenKind.Logic)
        {
            return ParseContinuation();
        }

        if (first.Is(SqlTokenKind.Keyword, SqlWord.From))
        {
            return ParseFromFragment() && ParseContinuation();
        }

        var prefix = None;
        var start = _position;
        if (!ParseExpression(ref prefix, allowLogic: false))
        {
            return false;
        }

        if ((prefix & (AttackCall | Subquery)) != 0)
        {
            _strong = true;
        }

        _prefix = prefix;
        _prefixToken = _position == start + 1 ? start : -1;
        return ParseContinuation();
    }

    /// <summary>What may follow the break-out value: closing parentheses, then logic, UNION, ';', a clause, ….</summary>
    private bool ParseContinuation()
    {
        while (true)
        {
            while (!AtEnd && Current.Kind == SqlTokenKind.RightParen)
            {
                _position++;
            }

            if (AtEnd)
            {
                return true;
            }

            ref readonly var token = ref Current;
            switch (token.Kind)
            {
                case SqlTokenKind.Comment:
                    if (CommentTruncates(token))
                    {
                        _strong = true;
                    }

                    _position++;
                    return true;
                case SqlTokenKind.Logic:
                {
                    _position++;
                    var operand = None;
                    var start = _position;
                    if (!ParseExpression(ref operand, allowLogic: false))
                    {
                        return false;
                    }

                    if (LogicOperandIsStrong(operand, _position == start + 1 ? start : -1))
                    {
                        _strong = true;
                    }

                    _lastLogicOperand = operand;
                    break;
                }

                case SqlTokenKind.Operator when !token.Has(SqlTokenFlags.UnaryOnly):
                case SqlTokenKind.Comma:
                {
                    // x') = 1 …, 1) + sleep(5), x', (select …)) --
                    _position++;
                    var operand = None;
                    if (!ParseExpression(ref operand, allowLogic: false))
                    {
                        return false;
                    }

                    if ((operand & (AttackCall | Subquery)) != 0 || (_quoted && (operand & QuotedStrongTraitsAfter()) != 0))
                    {
                        _strong = true;
                    }

                    break;
                }

                case SqlTokenKind.Union:
                    if (!ParseUnion())
                    {
                        return false;
                    }

                    break;
                case SqlTokenKind.Semicolon:
                    _position++;
                    if (AtEnd || Current.Kind == SqlTokenKind.Semicolon)
                    {
                        break;
                    }

                    if (Current.Kind == SqlTokenKind.Comment)
                    {
                        _strong |= _quoted;
                        _position++;
                        return true;
                    }

                    if (!ParseStatement(stacked: true))
                    {
                        return false;
                    }

                    break;
                case SqlTokenKind.Clause:
                    ParseClause();
                    break;
                case SqlTokenKind.Procedural:
                    if (!ParseProcedural(stacked: false))
                    {
                        return false;
                    }

                    break;
                case SqlTokenKind.Keyword when token.Word == SqlWord.IntoOutfile:
                    _strong = true;
                    _position++;
                    SkipStatementBody();
                    break;
                case SqlTokenKind.Collate:
                    _position++;
                    if (!AtEnd && Current.Kind is SqlTokenKind.Bareword or SqlTokenKind.String)
                    {
                        _position++;
                    }

                    break;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// After a logic operator. Quoted: anything but a lone name ("x' or y" is prose). Value context: a call or a
    /// subquery; a comparison that is a tautology or follows a plain number ("1 or 1=1", "admin or 1=1"), but not
    /// a chain of comparisons that reads like a filter ("price &gt; 5 and rating = 4"); after a plain number, TRUE,
    /// FALSE or the same number ("1 or true", "1 xor 1"), but not another number ("1 or 2").
    /// </summary>
    private readonly bool LogicOperandIsStrong(SqlExpressionTraits operand, int operandToken)
    {
        if (_quoted)
        {
            return operand != None && operand != Bareword && operand != (StringLiteral | ProseString);
        }

        if ((operand & (Call | AttackCall | Subquery)) != 0)
        {
            return true;
        }

        if (_prefix == NumberLiteral && (operand == (NumberLiteral | BooleanLiteral) || SameText(_prefixToken, operandToken)))
        {
            return true;
        }

        if ((_prefix & Comparison) != 0 || (operand & Comparison) == 0)
        {
            return false;
        }

        return (operand & LiteralComparison) != 0 || (_prefix & (NumberLiteral | Variable)) != 0;
    }

    /// <summary>
    /// The traits that make what follows a break-out an attack; reopening a string does not count after a sentence.
    /// </summary>
    private readonly SqlExpressionTraits QuotedStrongTraitsAfter() =>
        _breakoutIsProse ? QuotedStrongTraits & ~ReopenedString : QuotedStrongTraits;

    private readonly bool HasWhitespace(in SqlToken token)
    {
        if (token.Has(SqlTokenFlags.Concatenated))
        {
            return false;
        }

        foreach (var c in _input.Slice(token.Start, token.Length))
        {
            if (SqlTokenizer.IsWhitespace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A comment that ends the input truncates the application's query. Quoted: any comment except '#' followed by
    /// prose ("x' #1 fan"). Value context: '--' or '/*' with no text after a plain number ("1--", as libinjection)
    /// or after a logic operator with a literal or a comparison ("or true--", "1 or 1--").
    /// </summary>
    private readonly bool CommentTruncates(in SqlToken comment)
    {
        if (_quoted)
        {
            // A marker followed by the context's own quote is quoted prose ('spurious "--", left over'), and '#'
            // followed by text is a number sign ("x' #1 fan").
            var marker = comment.Has(SqlTokenFlags.DashComment) ? 2 : 1;
            var quoted = comment.Length > marker && _input[comment.Start + marker] == _quote;
            return !quoted && !(comment.Has(SqlTokenFlags.HashComment) && comment.Has(SqlTokenFlags.CommentHasText));
        }

        if (comment.Has(SqlTokenFlags.HashComment | SqlTokenFlags.CommentHasText))
        {
            return false;
        }

        return _prefix == NumberLiteral || (_lastLogicOperand & (Literal | Comparison)) != 0;
    }
}
