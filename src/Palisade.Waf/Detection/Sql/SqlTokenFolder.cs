namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// Folds the token stream into a short window the grammar decides on (libinjection's folding idea, our own rules):
/// comments inside the input read as whitespace and only a comment that ends the input is kept; a value context
/// drops leading '(' and unary operators; multi-word phrases become one token (UNION ALL, ORDER BY, NOT IN);
/// adjacent strings concatenate; unary operators in operand position disappear; arithmetic between plain numbers
/// and names folds into one operand (2010-01-01, a % b), while comparisons stay visible to the grammar.
/// </summary>
internal static class SqlTokenFolder
{
    /// <summary>Significant tokens kept; the grammar treats the end of the window as "more may follow".</summary>
    public const int WindowSize = 10;

    /// <summary>
    /// Fills <paramref name="window"/> (at least <see cref="WindowSize"/> long) and returns the count;
    /// <paramref name="truncated"/> tells whether significant tokens followed beyond the window;
    /// <paramref name="afterNestedComment"/> is the window index of the first token after the first comment with
    /// <see cref="SqlTokenFlags.NestedCommentOpener"/> (the comment itself reads as whitespace), or -1.
    /// </summary>
    public static int Fold(ReadOnlySpan<char> input, SqlQuoteContext context, Span<SqlToken> window, out bool truncated,
        out int afterNestedComment)
    {
        truncated = false;
        afterNestedComment = -1;
        var tokenizer = new SqlTokenizer(input, context);
        var count = 0;
        var trailingComment = default(SqlToken);
        var skipLeading = context == SqlQuoteContext.None;

        while (tokenizer.Next(out var token))
        {
            if (token.Kind == SqlTokenKind.Comment)
            {
                trailingComment = token;
                if (afterNestedComment < 0 && token.Has(SqlTokenFlags.NestedCommentOpener))
                {
                    afterNestedComment = count;
                }

                continue;
            }

            trailingComment.Kind = SqlTokenKind.None;
            if (skipLeading && (token.Kind == SqlTokenKind.LeftParen || token.Has(SqlTokenFlags.Unary)))
            {
                continue;
            }

            skipLeading = false;
            if (count > 0 && TryFoldInto(ref window[count - 1], token))
            {
                continue;
            }

            if (token.Has(SqlTokenFlags.Unary) && (count == 0 || !window[count - 1].EndsOperand))
            {
                continue;
            }

            if (count == WindowSize)
            {
                truncated = true;
                return count;
            }

            window[count++] = token;
            if (count >= 4 && IsLiteral(window[count - 3]) && window[count - 2].Kind == SqlTokenKind.Comma
                && IsLiteral(window[count - 1]))
            {
                // A list of literals ('a', '4', '2', '7') reads as one: it keeps INSERT … VALUES injections and
                // long UNION SELECT 1,2,3,… lists inside the window. The first token (the break-out) never folds.
                window[count - 3].Length = window[count - 1].Start + window[count - 1].Length - window[count - 3].Start;
                count -= 2;
                continue;
            }

            if (count >= 3 && IsPlainOperand(window[count - 3]) && IsArithmetic(window[count - 2])
                && IsPlainOperand(window[count - 1]))
            {
                ref var folded = ref window[count - 3];
                ref readonly var right = ref window[count - 1];
                folded.Kind = folded.Kind == SqlTokenKind.Number && right.Kind == SqlTokenKind.Number
                    ? SqlTokenKind.Number
                    : SqlTokenKind.Bareword;
                folded.Word = SqlWord.Other;
                folded.Flags = SqlTokenFlags.FoldedArithmetic;
                folded.Length = right.Start + right.Length - folded.Start;
                count -= 2;
            }
        }

        if (trailingComment.Kind == SqlTokenKind.Comment && count < WindowSize)
        {
            window[count++] = trailingComment;
        }

        return count;
    }

    private static bool IsPlainOperand(in SqlToken token) =>
        token.Kind is SqlTokenKind.Number or SqlTokenKind.Bareword && token.Word == SqlWord.Other
        && !token.Has(SqlTokenFlags.AttackFunction);

    /// <summary>A number, or a string the input both opens and closes.</summary>
    private static bool IsLiteral(in SqlToken token) =>
        token.Kind == SqlTokenKind.Number
        || (token.Kind == SqlTokenKind.String && token.OpenQuote != '\0' && token.CloseQuote != '\0');

    private static bool IsArithmetic(in SqlToken token) =>
        token.Kind == SqlTokenKind.Operator && !token.Has(SqlTokenFlags.Comparison | SqlTokenFlags.UnaryOnly);

    private static bool TryFoldInto(ref SqlToken previous, in SqlToken token)
    {
        if (previous.Kind == SqlTokenKind.String && token.Kind == SqlTokenKind.String)
        {
            // 'a' 'b' is one string in MySQL and PostgreSQL; the pair opens as the first and closes as the second.
            previous.CloseQuote = token.CloseQuote;
            previous.Length = token.Start + token.Length - previous.Start;
            previous.Flags |= SqlTokenFlags.Concatenated;
            return true;
        }

        if (previous.Word == SqlWord.Other || token.Word == SqlWord.Other
            || !SqlWords.TryMerge(previous.Word, token.Word, out var merged))
        {
            return false;
        }

        previous.Kind = merged.Kind;
        previous.Word = merged.Word;
        previous.Flags = merged.Flags | SqlTokenFlags.Phrase;
        previous.Length = token.Start + token.Length - previous.Start;
        return true;
    }
}
