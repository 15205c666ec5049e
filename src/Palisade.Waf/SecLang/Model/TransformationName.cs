namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// The transformations (t:…) a rule may apply. Closed list: what CRS v4, Debian's CRS 3.3.4 and the recommended base
/// configuration use, plus ModSecurity's simple string transformations. British spellings map to the same member.
/// <see cref="None"/> is the reset marker, never part of a resolved pipeline.
/// </summary>
public enum TransformationName
{
    None,
    Base64Decode,
    Base64DecodeExt,
    Base64Encode,
    CmdLine,
    CompressWhitespace,
    CssDecode,
    EscapeSeqDecode,
    HexDecode,
    HexEncode,
    HtmlEntityDecode,
    JsDecode,
    Length,
    Lowercase,
    Md5,
    NormalizePath,
    NormalizePathWin,
    RemoveComments,
    RemoveCommentsChar,
    RemoveNulls,
    RemoveWhitespace,
    ReplaceComments,
    ReplaceNulls,
    Sha1,
    SqlHexDecode,
    Trim,
    TrimLeft,
    TrimRight,
    Uppercase,
    UrlDecode,
    UrlDecodeUni,
    UrlEncode,
    Utf8ToUnicode,
}
