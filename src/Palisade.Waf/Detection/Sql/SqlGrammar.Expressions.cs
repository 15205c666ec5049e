using static Palisade.Waf.Detection.Sql.SqlExpressionTraits;

namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// The expression half of <see cref="SqlGrammar"/>: operands, operators, parentheses, calls and CASE, collecting
/// the <see cref="SqlExpressionTraits"/> the injection rules are stated over.
/// </summary>
internal ref partial struct SqlGrammar
{
    private bool ParseExpression(ref SqlExpressionTraits traits, bool allowLogic)
    {
        var left = _position;
        if (!ParseOperand(ref traits))
        {
            return false;
        }

        return ParseExpressionTail(ref traits, allowLogic, left);
    }

    /// <summary>(operator operand)* after a first operand that starts at token <paramref name="leftOperand"/>.</summary>
    private bool ParseExpressionTail(ref SqlExpressionTraits traits, bool allowLogic, int leftOperand)
    {
        var leftLiteral = IsComparable(traits);
        while (!AtEnd)
        {
            ref readonly var op = ref Current;
            var isOperator = op.Kind == SqlTokenKind.Operator && !op.Has(SqlTokenFlags.UnaryOnly);
            if (!isOperator && !(allowLogic && op.Kind == SqlTokenKind.Logic))
            {
                if (op.Kind != SqlTokenKind.Collate)
                {
                    return true;
                }

                _position++;
                if (!AtEnd && Current.Kind is SqlTokenKind.Bareword or SqlTokenKind.String)
                {
                    _position++;
                }

                continue;
            }

            _position++;
            if (op.Word == SqlWord.Is && !AtEnd && Current.Kind != SqlTokenKind.Number)
            {
                // IS [NOT] takes NULL, TRUE, FALSE or UNKNOWN: "id'is notes" is prose.
                return false;
            }

            if (op.Word == SqlWord.In && !AtEnd && Current.Kind != SqlTokenKind.LeftParen)
            {
                // IN takes a parenthesised list: 'install-am" in builddir' is prose.
                return false;
            }

            var right = _position;
            var operand = None;
            if (!ParseOperand(ref operand))
            {
                return false;
            }

            if (op.Word == SqlWord.Between && !AtEnd && Current.Is(SqlTokenKind.Logic, SqlWord.And))
            {
                _position++;
                if (!ParseOperand(ref operand))
                {
                    return false;
                }
            }

            traits |= operand & ~(NumberLiteral | StringLiteral | Bareword);
            if (op.Has(SqlTokenFlags.Comparison))
            {
                traits |= Comparison;
                if (leftLiteral || IsComparable(operand) || SameSingleToken(leftOperand, right))
                {
                    traits |= LiteralComparison;
                }
            }
            else if (op.Kind == SqlTokenKind.Operator)
            {
                traits |= Arithmetic;
            }

            leftLiteral = IsComparable(operand);
            leftOperand = right;
        }

        return true;
    }

    /// <summary>One operand; a unary prefix is skipped. The end of the window is a valid (unfinished) operand.</summary>
    private bool ParseOperand(ref SqlExpressionTraits traits)
    {
        while (!AtEnd && Current.Kind == SqlTokenKind.Operator && Current.Has(SqlTokenFlags.Unary))
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
            case SqlTokenKind.Number:
                traits |= token.Has(SqlTokenFlags.FoldedArithmetic) ? NumberLiteral | Arithmetic
                    : token.Has(SqlTokenFlags.Boolean) ? NumberLiteral | BooleanLiteral
                    : NumberLiteral;
                _position++;
                return true;
            case SqlTokenKind.String:
                traits |= StringLiteral;
                if (HasWhitespace(token))
                {
                    traits |= ProseString;
                }
                else if (token.OpenQuote != '\0' && token.CloseQuote == '\0')
                {
                    traits |= ReopenedString;
                }

                _position++;
                return true;
            case SqlTokenKind.Variable:
                traits |= Variable;
                _position++;
                return true;
            case SqlTokenKind.Bareword:
                traits |= token.Has(SqlTokenFlags.FoldedArithmetic) ? Bareword | Arithmetic : Bareword;
                _position++;
                return true;
            case SqlTokenKind.Function:
                _position++;
                if (AtEnd || Current.Kind != SqlTokenKind.LeftParen)
                {
                    traits |= Bareword;
                    return true;
                }

                var call = token.Has(SqlTokenFlags.AttackFunction) ? Call | AttackCall : Call;
                if (token.Has(SqlTokenFlags.NoArguments) && KindAt(1) != SqlTokenKind.RightParen && KindAt(1) != SqlTokenKind.None)
                {
                    // USER(), VERSION() take no arguments: "user (optional)" is not a fingerprinting call.
                    call = Call;
                }

                traits |= call;
                return ParseArguments(ref traits);
            case SqlTokenKind.LeftParen:
                return ParseParenthesised(ref traits);
            case SqlTokenKind.Keyword when token.Word == SqlWord.Case:
                ParseCase(ref traits);
                return true;
            default:
                return false;
        }
    }

    /// <summary>( SELECT … ) or ( expression [, expression]* ).</summary>
    private bool ParseParenthesised(ref SqlExpressionTraits traits)
    {
        _position++;
        if (AtEnd)
        {
            return true;
        }

        if (Current.Is(SqlTokenKind.Statement, SqlWord.Select))
        {
            traits |= Subquery;
            if (!ParseSelect(ref traits))
            {
                return false;
            }
        }
        else
        {
            var inner = None;
            if (!ParseExpression(ref inner, allowLogic: true))
            {
                return false;
            }

            while (!AtEnd && Current.Kind == SqlTokenKind.Comma)
            {
                _position++;
                if (!ParseExpression(ref inner, allowLogic: true))
                {
                    return false;
                }
            }

            traits |= inner;
        }

        if (AtEnd || Current.Kind == SqlTokenKind.Comment)
        {
            // A comment may cut the query inside a parenthesis: ') or ('1'='1'-- is careless but common.
            return true;
        }

        if (Current.Kind != SqlTokenKind.RightParen)
        {
            return false;
        }

        _position++;
        return true;
    }

    /// <summary>
    /// Function arguments, read leniently up to the matching ')': a call's shape is proof enough. Two operands in
    /// a row ("sleep(8 hours)") make the call prose, and it no longer counts as an attack call.
    /// </summary>
    private bool ParseArguments(ref SqlExpressionTraits traits)
    {
        var depth = 0;
        var previousWasOperand = false;
        while (!AtEnd)
        {
            ref readonly var token = ref Current;
            var isOperand = token.Kind is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Bareword
                or SqlTokenKind.Variable;
            if (isOperand && previousWasOperand)
            {
                traits &= ~AttackCall;
            }

            previousWasOperand = isOperand;
            switch (token.Kind)
            {
                case SqlTokenKind.LeftParen:
                    depth++;
                    break;
                case SqlTokenKind.RightParen:
                    depth--;
                    if (depth == 0)
                    {
                        _position++;
                        return true;
                    }

                    break;
                case SqlTokenKind.Semicolon:
                    return false;
                case SqlTokenKind.Statement when token.Word == SqlWord.Select:
                    traits |= Subquery;
                    break;
                case SqlTokenKind.Function when token.Has(SqlTokenFlags.AttackFunction):
                    traits |= AttackCall;
                    break;
            }

            _position++;
        }

        return true;
    }

    /// <summary>CASE … END, read leniently; like a call, the construct itself proves SQL syntax.</summary>
    private void ParseCase(ref SqlExpressionTraits traits)
    {
        traits |= Call;
        _position++;
        while (!AtEnd)
        {
            ref readonly var token = ref Current;
            _position++;
            if (token.Is(SqlTokenKind.Keyword, SqlWord.End))
            {
                return;
            }

            if (token.Kind == SqlTokenKind.Function && token.Has(SqlTokenFlags.AttackFunction))
            {
                traits |= AttackCall;
            }
            else if (token.Is(SqlTokenKind.Statement, SqlWord.Select))
            {
                traits |= Subquery;
            }
        }
    }

    /// <summary>A literal a tautology can be built from: a number or a string that is not a sentence.</summary>
    private static bool IsComparable(SqlExpressionTraits operand) =>
        (operand & NumberLiteral) != 0 || (operand & (StringLiteral | ProseString)) == StringLiteral;

    /// <summary>x=x: both operands are single tokens with the same text (a tautology without literals).</summary>
    private readonly bool SameSingleToken(int left, int right)
    {
        if (right != _position - 1 || left >= right || left + 1 != right - 1)
        {
            return false;
        }

        return _tokens[left].Kind is SqlTokenKind.Bareword or SqlTokenKind.Variable && SameText(left, right);
    }

    /// <summary>Two tokens of one kind with the same text, ignoring case; false when either index is -1.</summary>
    private readonly bool SameText(int left, int right)
    {
        if (left < 0 || right < 0)
        {
            return false;
        }

        ref readonly var a = ref _tokens[left];
        ref readonly var b = ref _tokens[right];
        return a.Kind == b.Kind
            && _input.Slice(a.Start, a.Length).Equals(_input.Slice(b.Start, b.Length), StringComparison.OrdinalIgnoreCase);
    }
}
