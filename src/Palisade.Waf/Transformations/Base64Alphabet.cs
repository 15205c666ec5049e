namespace Palisade.Waf.Transformations;

/// <summary>The RFC 4648 base64 alphabet and its reverse table (with the URL-safe '-' and '_' for the forgiving decoder).</summary>
internal static class Base64Alphabet
{
    public const string Characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Standard alphabet: digit value, or -1.</summary>
    public static int StandardValue(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };

    /// <summary>Standard plus URL-safe alphabet (- for +, _ for /): digit value, or -1.</summary>
    public static int LenientValue(char c) => c switch
    {
        '-' => 62,
        '_' => 63,
        _ => StandardValue(c),
    };
}
