namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// The nested-comment half of <see cref="SqlGrammar"/>: SQL hidden behind a comment the dialects end in different
/// places (<see cref="SqlTokenFlags.NestedCommentOpener"/>).
/// </summary>
internal ref partial struct SqlGrammar
{
    /// <summary>
    /// True when a comment with a nested opener is followed by a phrase only a query uses. What follows such a
    /// comment is code to MySQL and comment to PostgreSQL, a split an attacker uses to slip SQL past a reader that
    /// nests; so the rest need not parse as a whole ("/post/*/*/2 union all/bar", CRS test 942101-9). libinjection
    /// flags every such comment; we also require the SQL, since path globs ("/usr/*/lib/*/x") nest the same way.
    /// The phrases: UNION ALL or DISTINCT, a set operator before SELECT or '('; SELECT before '*', a literal, a
    /// variable, a call or '('; WAITFOR DELAY; DECLARE @variable; EXEC of an attacker's procedure; a call of an
    /// attacker's function (SLEEP(, LOAD_FILE(, …). A lone word ("…/*/union-square", "…/*/select box") is a path.
    /// <paramref name="afterComment"/> is the window index of the first token after the comment, or -1.
    /// </summary>
    public static bool HidesSqlBehindNestedComment(ReadOnlySpan<SqlToken> tokens, int afterComment)
    {
        if (afterComment < 0)
        {
            return false;
        }

        for (var i = afterComment; i < tokens.Length; i++)
        {
            ref readonly var token = ref tokens[i];
            var next = i + 1 < tokens.Length ? tokens[i + 1] : default;
            var hidden = token.Kind switch
            {
                SqlTokenKind.Union => token.Has(SqlTokenFlags.Phrase)
                    || next.Is(SqlTokenKind.Statement, SqlWord.Select) || next.Kind == SqlTokenKind.LeftParen,
                SqlTokenKind.Statement => token.Word == SqlWord.Select && StartsSelectList(next),
                SqlTokenKind.Procedural => token.Word switch
                {
                    SqlWord.WaitforDelay => next.Kind is SqlTokenKind.String or SqlTokenKind.Number,
                    SqlWord.Declare => next.Kind == SqlTokenKind.Variable,
                    SqlWord.Exec => next.Has(SqlTokenFlags.AttackFunction),
                    _ => false,
                },
                SqlTokenKind.Function => token.Has(SqlTokenFlags.AttackFunction) && !token.Has(SqlTokenFlags.NoArguments),
                _ => false,
            };
            if (hidden)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"select *", "select 1", "select 'a'", "select @@version", "select user()", "select (…": not "select box".</summary>
    private static bool StartsSelectList(in SqlToken next) =>
        next.Kind is SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Variable or SqlTokenKind.Function
            or SqlTokenKind.LeftParen
        || (next.Kind == SqlTokenKind.Operator && next.Has(SqlTokenFlags.Star));
}
