using System.Collections.Frozen;

namespace Palisade.Waf.Detection.Sql;

/// <summary>
/// Our SQL word list: keywords, operators and functions of MySQL, PostgreSQL, SQL Server, Oracle and SQLite, each
/// with the token class the grammar needs. Written from the dialects' documentation; lookups are case-insensitive
/// and allocation-free (span alternate lookup on a frozen dictionary).
/// </summary>
internal static class SqlWords
{
    /// <summary>No SQL word is longer; longer words are barewords without a lookup.</summary>
    public const int MaxWordLength = 32;

    /// <summary>Letters a..z and one bucket for anything else, for the shape filter.</summary>
    private const int ShapeLetters = 27;

    private static readonly FrozenDictionary<string, SqlWordInfo> Table = Build();

    private static readonly FrozenDictionary<string, SqlWordInfo>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// One bit per (length, first letter, last letter) that some SQL word has. Most words of ordinary text miss it,
    /// which spares them the dictionary's case-insensitive hashing.
    /// </summary>
    private static readonly ulong[] Shapes = BuildShapes();

    public static bool TryGet(ReadOnlySpan<char> word, out SqlWordInfo info)
    {
        if (word.IsEmpty || word.Length > MaxWordLength)
        {
            info = default;
            return false;
        }

        var shape = Shape(word);
        if ((Shapes[shape >> 6] & (1UL << shape)) == 0)
        {
            info = default;
            return false;
        }

        return Lookup.TryGetValue(word, out info);
    }

    private static int Shape(ReadOnlySpan<char> word) =>
        ((((word.Length - 1) * ShapeLetters) + Letter(word[0])) * ShapeLetters) + Letter(word[^1]);

    private static int Letter(char c)
    {
        var lower = (uint)((c | 0x20) - 'a');
        return lower < 26 && c < 0x80 ? (int)lower : 26;
    }

    private static ulong[] BuildShapes()
    {
        var shapes = new ulong[((MaxWordLength * ShapeLetters * ShapeLetters) + 63) / 64];
        foreach (var word in Table.Keys)
        {
            var shape = Shape(word);
            shapes[shape >> 6] |= 1UL << shape;
        }

        return shapes;
    }

    /// <summary>
    /// Folds two adjacent words into one token where SQL reads them as one (UNION ALL, ORDER BY, IS NOT, NOT IN,
    /// WAITFOR DELAY, INTO OUTFILE, …). Returns false when the pair is not such a phrase.
    /// </summary>
    public static bool TryMerge(SqlWord left, SqlWord right, out SqlWordInfo merged)
    {
        merged = (left, right) switch
        {
            (SqlWord.Union, SqlWord.All or SqlWord.Distinct) => new(SqlTokenKind.Union, SqlWord.Union, SqlTokenFlags.None),
            (SqlWord.Order or SqlWord.Group, SqlWord.By) => new(SqlTokenKind.Clause, SqlWord.Order, SqlTokenFlags.None),
            (SqlWord.Procedure, SqlWord.Analyse) => new(SqlTokenKind.Clause, SqlWord.Analyse, SqlTokenFlags.None),
            (SqlWord.Is, SqlWord.Not) => new(SqlTokenKind.Operator, SqlWord.Is, SqlTokenFlags.Comparison),
            (SqlWord.Not, SqlWord.In or SqlWord.Like or SqlWord.Between or SqlWord.Regexp) =>
                new(SqlTokenKind.Operator, right, SqlTokenFlags.Comparison),
            (SqlWord.Not, SqlWord.Exists) => new(SqlTokenKind.Function, SqlWord.Exists, SqlTokenFlags.None),
            (SqlWord.Sounds, SqlWord.Like) => new(SqlTokenKind.Operator, SqlWord.Like, SqlTokenFlags.Comparison),
            (SqlWord.Into, SqlWord.Outfile or SqlWord.Dumpfile) => new(SqlTokenKind.Keyword, SqlWord.IntoOutfile, SqlTokenFlags.None),
            (SqlWord.Waitfor, SqlWord.Delay or SqlWord.Time) => new(SqlTokenKind.Procedural, SqlWord.WaitforDelay, SqlTokenFlags.None),
            (SqlWord.Character, SqlWord.Set) => new(SqlTokenKind.Keyword, SqlWord.Character, SqlTokenFlags.None),
            (SqlWord.JoinPrefix, SqlWord.Join) => new(SqlTokenKind.Keyword, SqlWord.Join, SqlTokenFlags.None),
            (SqlWord.For, SqlWord.Update) => new(SqlTokenKind.Keyword, SqlWord.For, SqlTokenFlags.None),
            _ => default,
        };
        return merged.Kind != SqlTokenKind.None;
    }

    private static FrozenDictionary<string, SqlWordInfo> Build()
    {
        var words = new Dictionary<string, SqlWordInfo>(StringComparer.OrdinalIgnoreCase);

        void Add(SqlTokenKind kind, SqlWord word, SqlTokenFlags flags, params string[] names)
        {
            foreach (var name in names)
            {
                words[name] = new SqlWordInfo(kind, word, flags);
            }
        }

        void Words(SqlTokenKind kind, params string[] names) => Add(kind, SqlWord.Other, SqlTokenFlags.None, names);

        // Statements. REPLACE and INSERT are also string functions when a parenthesis follows.
        Add(SqlTokenKind.Statement, SqlWord.Select, SqlTokenFlags.None, "SELECT");
        Add(SqlTokenKind.Statement, SqlWord.Insert, SqlTokenFlags.CallableWord, "INSERT");
        Add(SqlTokenKind.Statement, SqlWord.Replace, SqlTokenFlags.CallableWord, "REPLACE");
        Add(SqlTokenKind.Statement, SqlWord.Update, SqlTokenFlags.None, "UPDATE");
        Add(SqlTokenKind.Statement, SqlWord.Delete, SqlTokenFlags.None, "DELETE");
        Add(SqlTokenKind.Statement, SqlWord.Create, SqlTokenFlags.None, "CREATE");
        Add(SqlTokenKind.Statement, SqlWord.Drop, SqlTokenFlags.None, "DROP");
        Add(SqlTokenKind.Statement, SqlWord.Alter, SqlTokenFlags.None, "ALTER");
        Add(SqlTokenKind.Statement, SqlWord.Truncate, SqlTokenFlags.None, "TRUNCATE");
        Add(SqlTokenKind.Statement, SqlWord.Rename, SqlTokenFlags.None, "RENAME");
        Add(SqlTokenKind.Statement, SqlWord.Grant, SqlTokenFlags.None, "GRANT");
        Add(SqlTokenKind.Statement, SqlWord.Revoke, SqlTokenFlags.None, "REVOKE");
        Add(SqlTokenKind.Statement, SqlWord.Show, SqlTokenFlags.None, "SHOW");
        Add(SqlTokenKind.Statement, SqlWord.Load, SqlTokenFlags.None, "LOAD");
        Add(SqlTokenKind.Statement, SqlWord.Call, SqlTokenFlags.None, "CALL");
        Words(SqlTokenKind.Statement, "DESCRIBE", "EXPLAIN", "HANDLER", "MERGE", "PREPARE", "DEALLOCATE", "UNLOCK",
            "OPTIMIZE", "BACKUP", "RESTORE", "COPY");

        // Procedural statements.
        Add(SqlTokenKind.Procedural, SqlWord.Waitfor, SqlTokenFlags.None, "WAITFOR");
        Add(SqlTokenKind.Procedural, SqlWord.Exec, SqlTokenFlags.None, "EXEC", "EXECUTE");
        Add(SqlTokenKind.Procedural, SqlWord.Declare, SqlTokenFlags.None, "DECLARE");
        Add(SqlTokenKind.Procedural, SqlWord.Shutdown, SqlTokenFlags.None, "SHUTDOWN");
        Words(SqlTokenKind.Procedural, "DBCC", "RAISERROR", "GOTO");

        // Set operators and clauses.
        Add(SqlTokenKind.Union, SqlWord.Union, SqlTokenFlags.None, "UNION", "INTERSECT", "EXCEPT", "MINUS");
        Add(SqlTokenKind.Clause, SqlWord.Having, SqlTokenFlags.None, "HAVING");
        Add(SqlTokenKind.Clause, SqlWord.Limit, SqlTokenFlags.None, "LIMIT");

        // Keywords.
        Add(SqlTokenKind.Keyword, SqlWord.From, SqlTokenFlags.None, "FROM");
        Add(SqlTokenKind.Keyword, SqlWord.Where, SqlTokenFlags.None, "WHERE");
        Add(SqlTokenKind.Keyword, SqlWord.Into, SqlTokenFlags.None, "INTO");
        Add(SqlTokenKind.Keyword, SqlWord.Set, SqlTokenFlags.None, "SET");
        Add(SqlTokenKind.Keyword, SqlWord.All, SqlTokenFlags.None, "ALL");
        Add(SqlTokenKind.Keyword, SqlWord.Distinct, SqlTokenFlags.None, "DISTINCT", "DISTINCTROW");
        Add(SqlTokenKind.Keyword, SqlWord.Top, SqlTokenFlags.None, "TOP");
        Add(SqlTokenKind.Keyword, SqlWord.As, SqlTokenFlags.None, "AS");
        Add(SqlTokenKind.Keyword, SqlWord.Case, SqlTokenFlags.None, "CASE");
        Add(SqlTokenKind.Keyword, SqlWord.End, SqlTokenFlags.None, "END");
        Add(SqlTokenKind.Keyword, SqlWord.If, SqlTokenFlags.CallableWord, "IF");
        Add(SqlTokenKind.Keyword, SqlWord.Character, SqlTokenFlags.None, "CHARACTER");
        Add(SqlTokenKind.Keyword, SqlWord.Join, SqlTokenFlags.None, "JOIN", "STRAIGHT_JOIN");
        Add(SqlTokenKind.Keyword, SqlWord.JoinPrefix, SqlTokenFlags.None, "INNER", "OUTER", "CROSS", "NATURAL");
        Add(SqlTokenKind.Keyword, SqlWord.Outfile, SqlTokenFlags.None, "OUTFILE");
        Add(SqlTokenKind.Keyword, SqlWord.Dumpfile, SqlTokenFlags.None, "DUMPFILE");
        Add(SqlTokenKind.Keyword, SqlWord.By, SqlTokenFlags.None, "BY");
        Words(SqlTokenKind.Keyword, "ON", "USING", "WHEN", "THEN", "ELSE", "ELSEIF", "ASC", "DESC", "INTERVAL",
            "BINARY", "VALUES", "RETURNING", "OFFSET", "FETCH", "ROWNUM", "DUAL", "WITH", "RECURSIVE", "NOWAIT");
        Add(SqlTokenKind.Keyword, SqlWord.Other, SqlTokenFlags.SchemaObject, "TABLE", "VIEW",
            "INDEX", "TRIGGER", "EVENT", "LOGIN", "ROLE", "TEMPORARY", "TABLESPACE", "SEQUENCE");
        Add(SqlTokenKind.Keyword, SqlWord.Other, SqlTokenFlags.SchemaObject, "TABLES", "DATABASES", "COLUMNS",
            "GRANTS", "PROCESSLIST", "VARIABLES", "SCHEMAS", "PRIVILEGES");

        // Barewords the merges and the grammar name (they stay barewords on their own: "order", "time", "data").
        Add(SqlTokenKind.Bareword, SqlWord.Order, SqlTokenFlags.None, "ORDER");
        Add(SqlTokenKind.Bareword, SqlWord.Group, SqlTokenFlags.None, "GROUP");
        Add(SqlTokenKind.Bareword, SqlWord.Procedure, SqlTokenFlags.SchemaObject, "PROCEDURE");
        Add(SqlTokenKind.Bareword, SqlWord.Other, SqlTokenFlags.SchemaObject, "FUNCTION");
        Add(SqlTokenKind.Bareword, SqlWord.Analyse, SqlTokenFlags.None, "ANALYSE");
        Add(SqlTokenKind.Bareword, SqlWord.Delay, SqlTokenFlags.None, "DELAY");
        Add(SqlTokenKind.Bareword, SqlWord.Time, SqlTokenFlags.None, "TIME");
        Add(SqlTokenKind.Bareword, SqlWord.Data, SqlTokenFlags.None, "DATA");
        Add(SqlTokenKind.Bareword, SqlWord.Sounds, SqlTokenFlags.None, "SOUNDS");
        Add(SqlTokenKind.Bareword, SqlWord.For, SqlTokenFlags.None, "FOR");

        // Logic and word operators.
        Add(SqlTokenKind.Logic, SqlWord.And, SqlTokenFlags.None, "AND");
        Add(SqlTokenKind.Logic, SqlWord.Other, SqlTokenFlags.None, "OR", "XOR");
        Add(SqlTokenKind.Operator, SqlWord.Not, SqlTokenFlags.Unary | SqlTokenFlags.UnaryOnly, "NOT");
        Add(SqlTokenKind.Operator, SqlWord.Is, SqlTokenFlags.Comparison, "IS");
        Add(SqlTokenKind.Operator, SqlWord.In, SqlTokenFlags.Comparison, "IN");
        Add(SqlTokenKind.Operator, SqlWord.Like, SqlTokenFlags.Comparison, "LIKE", "ILIKE", "GLOB");
        Add(SqlTokenKind.Operator, SqlWord.Regexp, SqlTokenFlags.Comparison, "REGEXP", "RLIKE", "SIMILAR");
        Add(SqlTokenKind.Operator, SqlWord.Between, SqlTokenFlags.Comparison, "BETWEEN");
        Words(SqlTokenKind.Operator, "DIV", "MOD", "ESCAPE");
        Add(SqlTokenKind.Collate, SqlWord.Other, SqlTokenFlags.None, "COLLATE");

        // Constants read as values.
        Add(SqlTokenKind.Number, SqlWord.Other, SqlTokenFlags.Boolean, "TRUE", "FALSE");
        Words(SqlTokenKind.Number, "NULL", "UNKNOWN", "CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "SYSDATE");

        Add(SqlTokenKind.Function, SqlWord.Exists, SqlTokenFlags.None, "EXISTS");

        // Functions attackers call: delays, file and network access, error-based extraction, fingerprinting.
        Add(SqlTokenKind.Function, SqlWord.Other, SqlTokenFlags.AttackFunction,
            "SLEEP", "BENCHMARK", "PG_SLEEP", "PG_SLEEP_FOR", "PG_SLEEP_UNTIL", "PG_READ_FILE", "PG_READ_BINARY_FILE",
            "PG_LS_DIR", "LO_IMPORT", "LO_EXPORT", "LOAD_FILE", "EXTRACTVALUE", "UPDATEXML", "XMLTYPE", "GTID_SUBSET",
            "GTID_SUBTRACT", "NAME_CONST", "GEOMETRYCOLLECTION", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON",
            "LINESTRING", "POLYGON", "USER_NAME", "SUSER_NAME", "SUSER_SNAME", "DB_NAME", "HAS_DBACCESS", "IS_SRVROLEMEMBER",
            "IS_MEMBER", "RECEIVE_MESSAGE", "GET_HOST_NAME", "GET_HOST_ADDRESS", "SYS_EVAL", "SYS_EXEC",
            "XP_CMDSHELL", "XP_DIRTREE", "XP_FILEEXIST", "XP_REGREAD", "XP_REGWRITE", "SP_EXECUTESQL", "SP_OACREATE",
            "SP_OAMETHOD", "SP_CONFIGURE", "SP_PASSWORD", "SP_ADDLOGIN", "SP_ADDSRVROLEMEMBER", "OPENROWSET",
            "OPENDATASOURCE", "OPENQUERY", "RANDOMBLOB", "LOAD_EXTENSION", "DRITHSX",
            "UTL_HTTP", "UTL_INADDR", "DBMS_PIPE", "DBMS_LOCK", "DBMS_XMLGEN", "DBMS_JAVA", "JSON_KEYS",
            "DATABASE_PRINCIPAL_ID");

        // Fingerprinting functions without arguments; USER, DATABASE and SCHEMA also name schema objects after
        // DROP/CREATE (they are barewords without "(").
        Add(SqlTokenKind.Function, SqlWord.Other, SqlTokenFlags.AttackFunction | SqlTokenFlags.NoArguments,
            "VERSION", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER", "CONNECTION_ID", "CURRENT_DATABASE",
            "CURRENT_SCHEMA", "SQLITE_VERSION", "PG_CLIENT_ENCODING", "INET_SERVER_ADDR");
        Add(SqlTokenKind.Function, SqlWord.Other, SqlTokenFlags.AttackFunction | SqlTokenFlags.NoArguments | SqlTokenFlags.SchemaObject,
            "USER", "DATABASE", "SCHEMA");

        // Ordinary functions (a call proves SQL syntax but not intent).
        Words(SqlTokenKind.Function,
            "ABS", "ACOS", "ADDDATE", "AES_DECRYPT", "AES_ENCRYPT", "ASCII", "ASIN", "ATAN", "ATAN2", "AVG",
            "BIN", "BIT_AND", "BIT_COUNT", "BIT_LENGTH", "BIT_OR", "BIT_XOR", "CAST", "CEIL", "CEILING", "CHAR",
            "CHARINDEX", "CHAR_LENGTH", "CHARACTER_LENGTH", "CHR", "COALESCE", "COMPRESS", "CONCAT", "CONCAT_WS",
            "CONV", "CONVERT", "COS", "COT", "COUNT", "CRC32", "CURDATE", "CURTIME", "DATALENGTH", "DATE_ADD",
            "DATE_FORMAT", "DATE_SUB", "DATEADD", "DATEDIFF", "DATEPART", "DAYNAME", "DAYOFMONTH", "DAYOFWEEK",
            "DAYOFYEAR", "DECODE", "DEGREES", "DES_DECRYPT", "DES_ENCRYPT", "ELT", "ENCODE", "ENCRYPT", "EXP",
            "EXPORT_SET", "EXTRACT", "FIELD", "FIND_IN_SET", "FLOOR", "FORMAT", "FOUND_ROWS", "FROM_BASE64",
            "FROM_DAYS", "FROM_UNIXTIME", "GETDATE", "GREATEST", "GROUP_CONCAT", "HEX", "HEXTORAW", "HOUR",
            "IFNULL", "IIF", "INET_ATON", "INET_NTOA", "INSTR", "ISNULL", "JSON_ARRAY", "JSON_EXTRACT",
            "JSON_OBJECT", "JSON_VALUE", "LAST_INSERT_ID", "LCASE", "LEAST", "LEFT", "LEN", "LENGTH", "LISTAGG",
            "LN", "LOCATE", "LOG", "LOG10", "LOG2", "LOWER", "LPAD", "LTRIM", "MAKE_SET", "MAKEDATE", "MAX", "MD5",
            "MICROSECOND", "MID", "MIN", "MINUTE", "MONTH", "MONTHNAME", "NCHAR", "NOW", "NULLIF", "NVL", "NVL2",
            "OCT", "OCTET_LENGTH", "ORD", "PASSWORD", "PATINDEX", "PERIOD_ADD", "PI", "POSITION", "POW", "POWER",
            "QUARTER", "QUOTE", "QUOTENAME", "RADIANS", "RAND", "RANDOM", "RAWTOHEX", "REGEXP_LIKE",
            "REGEXP_REPLACE", "REGEXP_SUBSTR", "REPEAT", "REPLICATE", "REVERSE", "RIGHT", "ROUND", "ROW_COUNT",
            "RPAD", "RTRIM", "SEC_TO_TIME", "SECOND", "SHA", "SHA1", "SHA2", "SIGN", "SIN", "SOUNDEX", "SPACE",
            "SQRT", "STR", "STR_TO_DATE", "STRCMP", "STRING_AGG", "STUFF", "SUBDATE", "SUBSTR", "SUBSTRING",
            "SUBSTRING_INDEX", "SUM", "TAN", "TIME_FORMAT", "TIME_TO_SEC", "TIMESTAMPDIFF", "TO_BASE64", "TO_CHAR",
            "TO_DATE", "TO_DAYS", "TO_NUMBER", "TRIM", "UCASE", "UNCOMPRESS", "UNHEX", "UNICODE", "UNIX_TIMESTAMP",
            "UPPER", "UTC_DATE", "UTC_TIME", "UUID", "WEEK", "WEEKDAY", "YEAR", "YEARWEEK", "ROW");

        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
