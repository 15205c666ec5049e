namespace Palisade.Waf.Detection.Html;

/// <summary>
/// Where the input is assumed to be reflected: in text, where an attribute name may stand (inside a tag, or as
/// an unquoted attribute value that whitespace ends), or inside a quoted attribute value. Trying each of them is
/// libinjection's approach; the backtick context covers old Internet Explorer's third quote.
/// </summary>
internal enum HtmlContext : byte
{
    Data,
    AttributeName,
    DoubleQuotedValue,
    SingleQuotedValue,
    BackQuotedValue,
}
