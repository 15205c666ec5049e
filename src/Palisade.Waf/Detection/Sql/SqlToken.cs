namespace Palisade.Waf.Detection.Sql;

/// <summary>One token: a slice of the input with its class. A plain value type so token windows live on the stack.</summary>
internal struct SqlToken
{
    public SqlTokenKind Kind;
    public SqlWord Word;
    public SqlTokenFlags Flags;

    /// <summary>For strings: the quote that opened it, or '\0' when the string began before the input.</summary>
    public char OpenQuote;

    /// <summary>For strings: the quote that closed it, or '\0' when the input ends inside the string.</summary>
    public char CloseQuote;
    public int Start;
    public int Length;

    public readonly bool Has(SqlTokenFlags flags) => (Flags & flags) != 0;

    public readonly bool Is(SqlTokenKind kind, SqlWord word) => Kind == kind && Word == word;

    /// <summary>True for tokens after which an operator is binary rather than unary.</summary>
    public readonly bool EndsOperand => Kind switch
    {
        SqlTokenKind.String or SqlTokenKind.Number or SqlTokenKind.Bareword or SqlTokenKind.Variable
            or SqlTokenKind.RightParen or SqlTokenKind.Function => true,
        SqlTokenKind.Keyword => Word == SqlWord.End,
        _ => false,
    };
}
