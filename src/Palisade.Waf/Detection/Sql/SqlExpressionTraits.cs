namespace Palisade.Waf.Detection.Sql;

/// <summary>What the grammar learned while reading one expression; the injection rules are stated over these.</summary>
[Flags]
internal enum SqlExpressionTraits : ushort
{
    None = 0,
    NumberLiteral = 1 << 0,
    StringLiteral = 1 << 1,
    Bareword = 1 << 2,
    Variable = 1 << 3,

    /// <summary>A function call with its parenthesis.</summary>
    Call = 1 << 4,

    /// <summary>A call of a function attackers use (SLEEP, BENCHMARK, EXTRACTVALUE, VERSION, …).</summary>
    AttackCall = 1 << 5,

    /// <summary>A parenthesised SELECT.</summary>
    Subquery = 1 << 6,

    /// <summary>At least one comparison operator (=, &lt;, LIKE, IN, IS, BETWEEN, …).</summary>
    Comparison = 1 << 7,

    /// <summary>A comparison with a literal on one side or the same operand on both (1=1, 'a'='a', x=x).</summary>
    LiteralComparison = 1 << 8,

    /// <summary>At least one arithmetic, bitwise or concatenation operator.</summary>
    Arithmetic = 1 << 9,

    /// <summary>Ends in a string the input opens and the application's own closing quote will close.</summary>
    ReopenedString = 1 << 10,

    /// <summary>A SELECT whose shape is unmistakably SQL (*, literals, calls, several columns, FROM … WHERE).</summary>
    StrongSelect = 1 << 11,

    /// <summary>TRUE or FALSE.</summary>
    BooleanLiteral = 1 << 12,

    /// <summary>
    /// A string with whitespace inside: prose that quotes something ("a '+' in the version") rather than a value
    /// an injection reopens or compares.
    /// </summary>
    ProseString = 1 << 13,

    Literal = NumberLiteral | StringLiteral,
}
