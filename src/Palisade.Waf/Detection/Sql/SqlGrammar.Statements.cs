using static Palisade.Waf.Detection.Sql.SqlExpressionTraits;

namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// The statement half of <see cref="SqlGrammar"/>: UNION SELECT, stacked and whole-value statements, clauses,
/// procedural statements and the lenient reading of a statement's remainder.
/// </summary>
internal ref partial struct SqlGrammar
{
    private bool ParseUnion()
    {
        _position++;
        if (!AtEnd && Current.Kind == SqlTokenKind.LeftParen)
        {
            _position++;
        }

        if (AtEnd)
        {
            return true;
        }

        if (!Current.Is(SqlTokenKind.Statement, SqlWord.Select))
        {
            return false;
        }

        var traits = None;
        if (!ParseSelect(ref traits))
        {
            return false;
        }

        _strong = true;
        return true;
    }

    /// <summary>
    /// ORDER BY, GROUP BY, HAVING, LIMIT, PROCEDURE ANALYSE after the break-out: column probes. The operand must
    /// be a column, a number, a call or a condition; a lone string ('x" order by "y') is prose in quotes.
    /// </summary>
    private void ParseClause()
    {
        var analyse = Current.Word == SqlWord.Analyse;
        _position++;
        if (AtEnd)
        {
            return;
        }

        var traits = None;
        var valid = analyse && Current.Kind == SqlTokenKind.LeftParen
            ? ParseArguments(ref traits) && (traits |= Call) != None
            : ParseExpression(ref traits, allowLogic: true);
        const SqlExpressionTraits Operand = NumberLiteral | Bareword | Variable | Call | AttackCall | Subquery | Comparison;
        if (valid && (traits & Operand) != 0 && (_quoted || _prefix == NumberLiteral || (traits & (Subquery | AttackCall)) != 0))
        {
            _strong = true;
        }

        SkipStatementBody();
    }

    private bool ParseProcedural(bool stacked)
    {
        var word = Current.Word;
        _position++;
        if (word == SqlWord.Shutdown)
        {
            _strong |= _quoted || stacked;
            SkipStatementBody();
            return true;
        }

        if (AtEnd)
        {
            return true;
        }

        ref readonly var next = ref Current;
        switch (word)
        {
            case SqlWord.WaitforDelay:
                if (next.Kind is not (SqlTokenKind.String or SqlTokenKind.Number))
                {
                    return false;
                }

                _strong = true;
                _position++;
                return true;
            case SqlWord.Waitfor:
                return false;
            case SqlWord.Exec:
                if (next.Kind is not (SqlTokenKind.Bareword or SqlTokenKind.Function or SqlTokenKind.Variable
                    or SqlTokenKind.LeftParen or SqlTokenKind.String))
                {
                    return false;
                }

                _strong |= _quoted || stacked || next.Has(SqlTokenFlags.AttackFunction);
                break;
            case SqlWord.Declare:
                if (next.Kind != SqlTokenKind.Variable)
                {
                    return false;
                }

                _strong = true;
                break;
            default:
                _strong |= _quoted || stacked;
                break;
        }

        SkipStatementBody();
        return true;
    }

    /// <summary>
    /// "FROM information_schema.tables WHERE …": the tail of a query. A table name must be followed by WHERE, a
    /// join, a clause or UNION ("from here to there" is prose).
    /// </summary>
    private bool ParseFromFragment()
    {
        _position++;
        if (AtEnd || Current.Kind != SqlTokenKind.Bareword)
        {
            return AtEnd;
        }

        _position++;
        if (!AtEnd && Current.Kind == SqlTokenKind.Bareword)
        {
            _position++;
        }

        if (AtEnd)
        {
            return true;
        }

        ref readonly var next = ref Current;
        if (!(next.Is(SqlTokenKind.Keyword, SqlWord.Where) || next.Is(SqlTokenKind.Keyword, SqlWord.Join)
            || next.Kind is SqlTokenKind.Clause or SqlTokenKind.Union))
        {
            return false;
        }

        _strong = true;
        SkipStatementBody();
        return true;
    }

    /// <summary>A statement at the start of the input or after ';'. Returns false when it is not SQL.</summary>
    private bool ParseStatement(bool stacked)
    {
        ref readonly var first = ref Current;
        switch (first.Kind)
        {
            case SqlTokenKind.Union:
                return ParseUnion();
            case SqlTokenKind.Procedural:
                return ParseProcedural(stacked);
            case SqlTokenKind.Keyword when first.Word == SqlWord.Set:
                _position++;
                _strong |= stacked && !AtEnd;
                SkipStatementBody();
                return true;
            case SqlTokenKind.Keyword when first.Word == SqlWord.If:
            {
                // IF EXISTS (SELECT …) BENCHMARK(…), ; IF (1=1) WAITFOR DELAY …
                _position++;
                var condition = None;
                if (!ParseExpression(ref condition, allowLogic: true))
                {
                    return false;
                }

                _strong |= (stacked && condition != None) || (condition & (Subquery | AttackCall)) != 0;
                SkipStatementBody();
                return true;
            }
            case SqlTokenKind.Statement:
                break;
            default:
                return false;
        }

        if (first.Word == SqlWord.Select)
        {
            var traits = None;
            if (!ParseSelect(ref traits))
            {
                return false;
            }

            _strong |= (traits & StrongSelect) != 0;
            return true;
        }

        var word = first.Word;
        _position++;
        if (AtEnd)
        {
            return true;
        }

        // After ';' the shape only has to be a statement's; a whole value that is a statement must also end like
        // one, since "drop table tennis lessons" and "update available" are prose.
        ref readonly var next = ref Current;
        var shaped = word switch
        {
            SqlWord.Drop or SqlWord.Create or SqlWord.Alter or SqlWord.Truncate or SqlWord.Rename =>
                next.Has(SqlTokenFlags.SchemaObject) && (stacked || StatementEndsAfterName(1)),
            SqlWord.Delete => next.Is(SqlTokenKind.Keyword, SqlWord.From)
                ? KindAt(1) is SqlTokenKind.None or SqlTokenKind.Bareword && (stacked || KeywordAt(2, SqlWord.Where))
                : stacked && next.Kind == SqlTokenKind.Bareword,
            SqlWord.Insert or SqlWord.Replace => next.Is(SqlTokenKind.Keyword, SqlWord.Into)
                ? (KindAt(1) is SqlTokenKind.None or SqlTokenKind.Bareword || GenericCallAt(1))
                    && (stacked || KindAt(2) is SqlTokenKind.LeftParen || KindAt(2) == SqlTokenKind.Statement || KeywordAt(2, SqlWord.Other))
                : stacked && next.Kind == SqlTokenKind.Bareword,
            SqlWord.Update => next.Kind == SqlTokenKind.Bareword && (KeywordAt(1, SqlWord.Set) || (KindAt(1) == SqlTokenKind.None && _truncated)),
            SqlWord.Show => next.Has(SqlTokenFlags.SchemaObject) && (stacked || StatementEndsAfterName(0)),
            SqlWord.Load => next.Word == SqlWord.Data || next.Kind == SqlTokenKind.Function,
            SqlWord.Call => next.Kind == SqlTokenKind.Function && stacked,
            _ => stacked,
        };

        if (!shaped)
        {
            return false;
        }

        _strong = true;
        SkipStatementBody();
        return true;
    }

    /// <summary>A name glued to a parenthesis ("category(id)" after INSERT INTO).</summary>
    private readonly bool GenericCallAt(int offset) =>
        _position + offset < _tokens.Length && _tokens[_position + offset].Has(SqlTokenFlags.GenericCall);

    /// <summary>True when the token at <paramref name="offset"/> is a keyword (<see cref="SqlWord.Other"/>: any).</summary>
    private readonly bool KeywordAt(int offset, SqlWord word) =>
        _position + offset < _tokens.Length && _tokens[_position + offset].Kind == SqlTokenKind.Keyword
        && (word == SqlWord.Other || _tokens[_position + offset].Word == word);

    /// <summary>
    /// After DROP TABLE name (the name at <paramref name="nameOffset"/>): the input ends, or ';', a comment or a
    /// parenthesis follows — not more words.
    /// </summary>
    private readonly bool StatementEndsAfterName(int nameOffset)
    {
        if (nameOffset > 0 && KindAt(nameOffset) is not (SqlTokenKind.Bareword or SqlTokenKind.None))
        {
            return false;
        }

        return AtInputEndAt(nameOffset + 1)
            || KindAt(nameOffset + 1) is SqlTokenKind.Semicolon or SqlTokenKind.Comment or SqlTokenKind.LeftParen;
    }


    /// <summary>
    /// SELECT [ALL|DISTINCT|TOP n] items [FROM …]. The select list must parse; the rest of the statement is read
    /// leniently. Marks <see cref="StrongSelect"/> when the shape cannot be prose ("select one from the list" can).
    /// </summary>
    private bool ParseSelect(ref SqlExpressionTraits traits)
    {
        _position++;
        while (!AtEnd && Current.Kind == SqlTokenKind.Keyword && Current.Word is SqlWord.All or SqlWord.Distinct or SqlWord.Top)
        {
            var top = Current.Word == SqlWord.Top;
            _position++;
            if (top && !AtEnd && Current.Kind == SqlTokenKind.Number)
            {
                _position++;
            }
        }

        if (AtEnd)
        {
            return true;
        }

        var strong = false;
        var items = 0;
        while (true)
        {
            if (Current.Kind == SqlTokenKind.Operator && Current.Has(SqlTokenFlags.Star))
            {
                strong = true;
                _position++;
            }
            else
            {
                var item = None;
                if (!ParseExpression(ref item, allowLogic: true))
                {
                    return false;
                }

                strong |= (item & (Literal | Variable | Call | AttackCall | Subquery)) != 0;
                traits |= item & (AttackCall | Subquery);
            }

            items++;
            if (AtEnd)
            {
                break;
            }

            if (Current.Is(SqlTokenKind.Keyword, SqlWord.As))
            {
                _position++;
                if (!AtEnd && Current.Kind is SqlTokenKind.Bareword or SqlTokenKind.String)
                {
                    _position++;
                }
            }
            else if (Current.Kind == SqlTokenKind.Bareword)
            {
                _position++;
            }

            if (AtEnd || Current.Kind != SqlTokenKind.Comma)
            {
                break;
            }

            _position++;
            if (AtEnd)
            {
                break;
            }
        }

        if (!AtEnd && Current.Kind is SqlTokenKind.Bareword or SqlTokenKind.Number or SqlTokenKind.String
            or SqlTokenKind.Variable or SqlTokenKind.Function or SqlTokenKind.LeftParen)
        {
            // "union select committee met today": the select list runs into words SQL cannot put there.
            return false;
        }

        var from = !AtEnd && Current.Is(SqlTokenKind.Keyword, SqlWord.From);
        var where = SkipStatementBody();
        if (strong || items > 1 || (from && where))
        {
            traits |= StrongSelect;
        }

        return true;
    }

    /// <summary>
    /// Reads the rest of a statement or clause without judging it: up to an unbalanced ')', ';', a comment,
    /// UNION or the end. Returns true when a WHERE was among the tokens.
    /// </summary>
    private bool SkipStatementBody()
    {
        var depth = 0;
        var where = false;
        while (!AtEnd)
        {
            ref readonly var token = ref Current;
            switch (token.Kind)
            {
                case SqlTokenKind.LeftParen:
                    depth++;
                    break;
                case SqlTokenKind.RightParen:
                    if (depth == 0)
                    {
                        return where;
                    }

                    depth--;
                    break;
                case SqlTokenKind.Semicolon:
                case SqlTokenKind.Comment:
                    return where;
                case SqlTokenKind.Union when depth == 0:
                    return where;
                case SqlTokenKind.Keyword when token.Word == SqlWord.Where:
                    where = true;
                    break;
            }

            _position++;
        }

        return where;
    }
}
