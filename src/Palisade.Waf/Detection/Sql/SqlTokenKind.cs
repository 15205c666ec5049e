namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// Token classes of the SQL tokenizer. Each value is the letter the fingerprint shows for the class; the alphabet
/// follows the one libinjection (github.com/libinjection/libinjection) made familiar to CRS users, so a logged
/// fingerprint such as "s&amp;1o1c" reads the same way. The classes and the words in them are our own.
/// </summary>
internal enum SqlTokenKind : byte
{
    None = 0,
    String = (byte)'s',
    Number = (byte)'1',
    Bareword = (byte)'n',
    Variable = (byte)'v',
    Function = (byte)'f',
    Keyword = (byte)'k',
    Union = (byte)'U',

    /// <summary>A word that starts a statement: SELECT, INSERT, DROP, …</summary>
    Statement = (byte)'E',

    /// <summary>A clause that follows a query: ORDER BY, GROUP BY, HAVING, LIMIT.</summary>
    Clause = (byte)'B',

    /// <summary>Transact-SQL and procedural statements: WAITFOR, EXEC, DECLARE, SHUTDOWN.</summary>
    Procedural = (byte)'T',
    Operator = (byte)'o',
    Logic = (byte)'&',
    Comment = (byte)'c',
    LeftParen = (byte)'(',
    RightParen = (byte)')',
    Comma = (byte)',',
    Semicolon = (byte)';',
    Collate = (byte)'A',
    Colon = (byte)':',
    Brace = (byte)'{',

    /// <summary>A character no SQL dialect gives a meaning outside a string ('[', '?', …).</summary>
    Unknown = (byte)'?',
}
