namespace Palisade.Waf.Detection.Sql;

/// <summary>Facts about one token that the grammar needs beyond its kind.</summary>
[Flags]
internal enum SqlTokenFlags : uint
{
    None = 0,

    /// <summary>An operator that compares: =, &lt;, &gt;, &lt;&gt;, !=, LIKE, IN, IS, BETWEEN, REGEXP, …</summary>
    Comparison = 1 << 0,

    /// <summary>An operator that can stand before an operand: + - ! ~ NOT.</summary>
    Unary = 1 << 1,

    /// <summary>NOT and ! take an operand but never sit between two.</summary>
    UnaryOnly = 1 << 2,

    /// <summary>The * operator (SELECT *).</summary>
    Star = 1 << 3,

    /// <summary>A function attackers call for timing, file access, errors or fingerprinting (SLEEP, LOAD_FILE, …).</summary>
    AttackFunction = 1 << 4,

    /// <summary>A word naming a schema object after DROP/CREATE/ALTER (TABLE, DATABASE, USER, …).</summary>
    SchemaObject = 1 << 5,

    /// <summary>A function name not in our word list, recognised only by the parenthesis right after it.</summary>
    GenericCall = 1 << 6,

    /// <summary>A '#' comment (MySQL).</summary>
    HashComment = 1 << 7,

    /// <summary>A '--' comment.</summary>
    DashComment = 1 << 8,

    /// <summary>A '/*' comment.</summary>
    BlockComment = 1 << 9,

    /// <summary>The comment text holds letters or digits: prose rather than a bare truncation marker.</summary>
    CommentHasText = 1 << 10,

    /// <summary>A statement word that is a function when a parenthesis follows (REPLACE(, INSERT(, IF().</summary>
    CallableWord = 1 << 11,

    /// <summary>An operand the folder made from arithmetic between numbers and names (2010-01-01 is one number).</summary>
    FoldedArithmetic = 1 << 12,

    /// <summary>TRUE or FALSE.</summary>
    Boolean = 1 << 13,

    /// <summary>A fingerprinting function that takes no arguments (USER(), VERSION()): "user (optional)" is prose.</summary>
    NoArguments = 1 << 14,

    /// <summary>Adjacent strings the folder joined ('a' 'b'); the gap between them is not prose.</summary>
    Concatenated = 1 << 15,

    /// <summary>
    /// A closed '/*' comment in which another '/*' opens. PostgreSQL and SQL Server nest block comments, MySQL,
    /// Oracle and SQLite end them at the first '*/': the dialects disagree on where the comment ends, so what
    /// follows is code to one server and comment to another. Nothing but an evasion writes one before SQL.
    /// </summary>
    NestedCommentOpener = 1 << 16,

    /// <summary>Two words the folder read as one: UNION ALL, WAITFOR DELAY, ORDER BY, IS NOT, ….</summary>
    Phrase = 1 << 17,
}
