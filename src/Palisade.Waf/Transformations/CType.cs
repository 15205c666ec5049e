namespace Palisade.Waf.Transformations;

/// <summary>
/// The C library character tests ModSecurity relies on (isspace, isxdigit, tolower, …) as they behave in the "C"
/// locale: ASCII only, so a byte above 127 is never a space, digit or letter. Also ModSecurity's x2c hex pair
/// decoding (src/utils/string.cc), which is arithmetic and does not validate its input.
/// </summary>
internal static class CType
{
    public const char NonBreakingSpace = '\u00A0';

    /// <summary>C isspace: space, \t, \n, \v, \f, \r.</summary>
    public static bool IsSpace(char c) => c == ' ' || (c >= '\t' && c <= '\r');

    public static bool IsDigit(char c) => c >= '0' && c <= '9';

    public static bool IsOctalDigit(char c) => c >= '0' && c <= '7';

    public static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);

    public static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c);

    public static char ToLower(char c) => c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;

    public static char ToUpper(char c) => c >= 'a' && c <= 'z' ? (char)(c & ~0x20) : c;

    /// <summary>ModSecurity's x2c: two hex digits to a byte. Non-hex input gives the same garbage byte it gives.</summary>
    public static char HexPairToByte(char high, char low) => (char)(((HexDigitValue(high) << 4) + HexDigitValue(low)) & 0xFF);

    /// <summary>ModSecurity's xsingle2c digit rule: letters by (c &amp; 0xDF) - 'A' + 10, everything else c - '0'.</summary>
    public static int HexDigitValue(char c) => c >= 'A' ? ((c & 0xDF) - 'A') + 10 : c - '0';

    /// <summary>Lower-case hexadecimal digit for a nibble, as ModSecurity's c2x and %x print.</summary>
    public static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
