using System.Collections.Frozen;

namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// Names of the supported transformations (from libmodsecurity v3 src/actions/transformations), matched ignoring case:
/// CRS itself writes both t:base64Decode and t:base64decode in its documentation.
/// </summary>
public static class TransformationCatalog
{
    private static readonly (string Text, TransformationName Name)[] Entries =
    [
        ("none", TransformationName.None),
        ("base64Decode", TransformationName.Base64Decode),
        ("base64DecodeExt", TransformationName.Base64DecodeExt),
        ("base64Encode", TransformationName.Base64Encode),
        ("cmdLine", TransformationName.CmdLine),
        ("compressWhitespace", TransformationName.CompressWhitespace),
        ("cssDecode", TransformationName.CssDecode),
        ("escapeSeqDecode", TransformationName.EscapeSeqDecode),
        ("hexDecode", TransformationName.HexDecode),
        ("hexEncode", TransformationName.HexEncode),
        ("htmlEntityDecode", TransformationName.HtmlEntityDecode),
        ("jsDecode", TransformationName.JsDecode),
        ("length", TransformationName.Length),
        ("lowercase", TransformationName.Lowercase),
        ("md5", TransformationName.Md5),
        ("normalizePath", TransformationName.NormalizePath),
        ("normalisePath", TransformationName.NormalizePath),
        ("normalizePathWin", TransformationName.NormalizePathWin),
        ("normalisePathWin", TransformationName.NormalizePathWin),
        ("removeComments", TransformationName.RemoveComments),
        ("removeCommentsChar", TransformationName.RemoveCommentsChar),
        ("removeNulls", TransformationName.RemoveNulls),
        ("removeWhitespace", TransformationName.RemoveWhitespace),
        ("replaceComments", TransformationName.ReplaceComments),
        ("replaceNulls", TransformationName.ReplaceNulls),
        ("sha1", TransformationName.Sha1),
        ("sqlHexDecode", TransformationName.SqlHexDecode),
        ("trim", TransformationName.Trim),
        ("trimLeft", TransformationName.TrimLeft),
        ("trimRight", TransformationName.TrimRight),
        ("uppercase", TransformationName.Uppercase),
        ("urlDecode", TransformationName.UrlDecode),
        ("urlDecodeUni", TransformationName.UrlDecodeUni),
        ("urlEncode", TransformationName.UrlEncode),
        ("utf8toUnicode", TransformationName.Utf8ToUnicode),
    ];

    private static readonly FrozenDictionary<string, TransformationName> ByText =
        Entries.ToFrozenDictionary(e => e.Text, e => e.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] TextByName = BuildTextByName();

    public static IReadOnlyList<string> AllNames { get; } = Entries.Select(e => e.Text).ToArray();

    public static bool TryParse(string text, out TransformationName name) => ByText.TryGetValue(text, out name);

    /// <summary>The canonical name as CRS writes it, e.g. "urlDecodeUni".</summary>
    public static string NameOf(TransformationName name) => TextByName[(int)name];

    private static string[] BuildTextByName()
    {
        var texts = new string[Enum.GetValues<TransformationName>().Length];
        foreach (var entry in Entries)
        {
            texts[(int)entry.Name] ??= entry.Text;
        }

        return texts;
    }
}
