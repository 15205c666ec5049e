namespace Palisade.Waf.Detection.Sql;

/// <summary>The words the folding and the grammar refer to by name; every other word is <see cref="Other"/>.</summary>
internal enum SqlWord : byte
{
    Other = 0,

    // Statements
    Select,
    Insert,
    Update,
    Delete,
    Replace,
    Create,
    Drop,
    Alter,
    Truncate,
    Rename,
    Grant,
    Revoke,
    Show,
    Load,
    Call,

    // Procedural
    Waitfor,
    WaitforDelay,
    Exec,
    Declare,
    Shutdown,

    // Clauses and keywords
    From,
    Where,
    Into,
    IntoOutfile,
    Outfile,
    Dumpfile,
    Set,
    All,
    Distinct,
    Top,
    As,
    Union,
    Order,
    Group,
    By,
    Having,
    Limit,
    Procedure,
    Analyse,
    Case,
    End,
    If,
    Delay,
    Time,
    Data,
    Character,
    Join,
    JoinPrefix,
    For,

    // Operators and logic
    Not,
    Is,
    In,
    Like,
    Between,
    Sounds,
    Regexp,
    And,
    Exists,
}
