namespace Palisade.Waf.Detection.Html;

/// <summary>The tokens the XSS rules look at; text between tags produces none.</summary>
internal enum HtmlTokenKind : byte
{
    None,
    TagName,
    EndTagName,
    AttributeName,
    AttributeValue,
    Comment,

    /// <summary>&lt;?…&gt;, &lt;!…&gt; that is neither a comment nor a doctype, and malformed end tags.</summary>
    BogusComment,
    Doctype,
}
