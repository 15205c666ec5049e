using System.Buffers;
using Palisade.Waf.Detection.Sql;

namespace Palisade.Waf.Detection;

/// <summary>
/// The @detectSQLi operator: decides whether a (transformed) value is SQL injection. The approach is libinjection's
/// (github.com/libinjection/libinjection): tokenize the value as SQL in three contexts (as a bare value, and as if a
/// single or a double quote had opened a string before it), fold the tokens into a short window, and judge the
/// window. The tokenizer, the word list, the folding and the judgement (a small SQL grammar instead of a list of
/// known fingerprints) are our own. Stateless and thread-safe; allocates nothing.
/// </summary>
public static class SqlInjectionDetector
{
    /// <summary>A value made only of these is one name or number: never an injection, and common (ids, tokens).</summary>
    private static readonly SearchValues<char> SingleWordCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.");

    /// <summary>True when <paramref name="input"/> reads as SQL injection.</summary>
    public static bool IsSqlInjection(ReadOnlySpan<char> input) => IsSqlInjection(input, out _);

    /// <summary>
    /// True when <paramref name="input"/> reads as SQL injection; <paramref name="fingerprint"/> is then the folded
    /// token classes of the context that matched (what ModSecurity stores in TX.0), otherwise default.
    /// </summary>
    public static bool IsSqlInjection(ReadOnlySpan<char> input, out SqlFingerprint fingerprint)
    {
        fingerprint = default;
        if (!input.ContainsAnyExcept(SingleWordCharacters))
        {
            return false;
        }

        Span<SqlToken> window = stackalloc SqlToken[SqlTokenFolder.WindowSize];
        if (IsInjection(input, SqlQuoteContext.None, window, out fingerprint))
        {
            return true;
        }

        // A quoted context needs the quote that closes it in the input; without one the whole value stays a string.
        return (input.Contains('\'') && IsInjection(input, SqlQuoteContext.Single, window, out fingerprint))
            || (input.Contains('"') && IsInjection(input, SqlQuoteContext.Double, window, out fingerprint));
    }

    private static bool IsInjection(ReadOnlySpan<char> input, SqlQuoteContext context, Span<SqlToken> window,
        out SqlFingerprint fingerprint)
    {
        var count = SqlTokenFolder.Fold(input, context, window, out var truncated, out var afterNestedComment);
        var tokens = window[..count];
        if (SqlGrammar.IsInjection(tokens, truncated, input, context))
        {
            fingerprint = Fingerprint(tokens, commentAt: -1);
            return true;
        }

        if (SqlGrammar.HidesSqlBehindNestedComment(tokens, afterNestedComment))
        {
            // The folded window reads the comment as whitespace; the fingerprint shows it, since it is the evidence.
            fingerprint = Fingerprint(tokens, commentAt: afterNestedComment);
            return true;
        }

        fingerprint = default;
        return false;
    }

    /// <summary>One letter per token; with <paramref name="commentAt"/> ≥ 0 a comment letter is put before that token.</summary>
    internal static SqlFingerprint Fingerprint(ReadOnlySpan<SqlToken> tokens, int commentAt)
    {
        Span<byte> letters = stackalloc byte[SqlFingerprint.MaxLength];
        var length = 0;
        for (var i = 0; i <= tokens.Length && length < SqlFingerprint.MaxLength; i++)
        {
            if (i == commentAt)
            {
                letters[length++] = (byte)SqlTokenKind.Comment;
            }

            if (i < tokens.Length && length < SqlFingerprint.MaxLength)
            {
                letters[length++] = (byte)tokens[i].Kind;
            }
        }

        return new SqlFingerprint(letters[..length]);
    }
}
