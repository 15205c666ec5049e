namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Configuration text quoted inside an error message, cut to a readable length: a hostile file can hold megabyte
/// tokens, and a thousand errors must not each carry a copy.
/// </summary>
internal static class Shown
{
    private const int MaxLength = 80;

    public static string Text(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
}
