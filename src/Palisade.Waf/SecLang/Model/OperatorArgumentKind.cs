namespace Palisade.Waf.SecLang.Model;

/// <summary>What an operator expects after its name; checked when the rule is parsed.</summary>
public enum OperatorArgumentKind
{
    /// <summary>Takes nothing (@detectSQLi, @unconditionalMatch, …).</summary>
    None,

    /// <summary>Any text, possibly empty, possibly with %{…} macros (@streq, @contains, @rx, …).</summary>
    Text,

    /// <summary>Non-empty text (@pm phrases, @ipMatch addresses, @rbl zone).</summary>
    RequiredText,

    /// <summary>An integer, or a %{…} macro that yields one at run time (@eq, @lt, …).</summary>
    Integer,

    /// <summary>Byte values and ranges such as "1-255" or "9,10,13,32-126" (@validateByteRange).</summary>
    ByteRanges,

    /// <summary>One or more data file names, relative to the rule file (@pmFromFile, @ipMatchFromFile).</summary>
    DataFiles,
}
