using System.Buffers;

namespace Palisade.Waf.Transformations;

/// <summary>
/// Precomputed character sets for vectorised scans. (MemoryExtensions.IndexOfAnyInRange and its relatives allocate
/// 96 bytes per call on .NET 10.0.12, so the hot paths search with these SearchValues instead.)
/// </summary>
internal static class CharacterSets
{
    public static SearchValues<char> AsciiUppercase { get; } = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static SearchValues<char> AsciiLowercase { get; } = SearchValues.Create("abcdefghijklmnopqrstuvwxyz");

    /// <summary>U+0000–U+007F.</summary>
    public static SearchValues<char> Ascii { get; } = Range(0x00, 0x7F);

    /// <summary>U+0001–U+007F: ASCII without NUL.</summary>
    public static SearchValues<char> AsciiWithoutNul { get; } = Range(0x01, 0x7F);

    /// <summary>U+0080–U+00FF: the bytes above 127 of a byte string.</summary>
    public static SearchValues<char> HighBytes { get; } = Range(0x80, 0xFF);

    /// <summary>U+0000–U+00FF: every byte.</summary>
    public static SearchValues<char> Bytes { get; } = Range(0x00, 0xFF);

    private static SearchValues<char> Range(int first, int last)
    {
        var chars = new char[last - first + 1];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(first + i);
        }

        return SearchValues.Create(chars);
    }
}
