namespace Palisade.Waf.Detection.Html;

/// <summary>A token as a slice of the input: for tags and attributes the name, for values and comments the content.</summary>
internal readonly record struct HtmlToken(HtmlTokenKind Kind, int Start, int Length);
