using System.Buffers;
using Palisade.Waf.Detection.Html;

namespace Palisade.Waf.Detection;

/// <summary>
/// The @detectXSS operator: decides whether a (transformed) value would inject active HTML. The approach is
/// libinjection's (github.com/libinjection/libinjection): run an HTML5 tokenizer over the value as if it were
/// reflected in text, where attributes may stand, and inside each kind of quoted attribute value, and flag tags,
/// attributes, URLs, styles and comments that run script. The tokenizer and the rules are our own. Stateless and
/// thread-safe; allocates nothing.
/// </summary>
public static class XssDetector
{
    private static readonly SearchValues<char> TagOrAssignment = SearchValues.Create("<=");

    /// <summary>True when <paramref name="input"/> reads as cross-site scripting.</summary>
    public static bool IsXss(ReadOnlySpan<char> input)
    {
        if (input.IsEmpty)
        {
            return false;
        }

        // Reflected into a URL attribute as a whole value: "javascript:alert(1)".
        if (XssRules.IsDangerousUrl(input) && !IsBareDataUrl(input))
        {
            return true;
        }

        // Every flag needs a tag ('<') or an attribute value ('='); most values have neither.
        if (input.IndexOfAny(TagOrAssignment) < 0)
        {
            return false;
        }

        return (input.Contains('<') && IsXss(input, HtmlContext.Data))
            || IsXss(input, HtmlContext.AttributeName)
            || (input.Contains('"') && IsXss(input, HtmlContext.DoubleQuotedValue))
            || (input.Contains('\'') && IsXss(input, HtmlContext.SingleQuotedValue))
            || (input.Contains('`') && IsXss(input, HtmlContext.BackQuotedValue));
    }

    /// <summary>
    /// A whole value "data:…" is a URL only when a tag puts it in one; as free text ("data: 42") it is not XSS.
    /// </summary>
    private static bool IsBareDataUrl(ReadOnlySpan<char> input) =>
        input.TrimStart().StartsWith("data", StringComparison.OrdinalIgnoreCase);

    private static bool IsXss(ReadOnlySpan<char> input, HtmlContext context)
    {
        var tokenizer = new HtmlTokenizer(input, context);
        var insideInjectedTag = false;
        var pending = HtmlAttributeRisk.None;
        while (tokenizer.Next(out var token))
        {
            var text = input.Slice(token.Start, token.Length);
            switch (token.Kind)
            {
                case HtmlTokenKind.TagName:
                    if (XssRules.IsDangerousTag(text))
                    {
                        return true;
                    }

                    insideInjectedTag = true;
                    pending = HtmlAttributeRisk.None;
                    break;
                case HtmlTokenKind.EndTagName:
                    insideInjectedTag = false;
                    pending = HtmlAttributeRisk.None;
                    break;
                case HtmlTokenKind.AttributeName:
                    pending = XssRules.ClassifyAttribute(text, insideInjectedTag);
                    break;
                case HtmlTokenKind.AttributeValue:
                    if (IsDangerousValue(pending, text, insideInjectedTag))
                    {
                        return true;
                    }

                    pending = HtmlAttributeRisk.None;
                    break;
                case HtmlTokenKind.Doctype:
                    return true;
                case HtmlTokenKind.Comment:
                case HtmlTokenKind.BogusComment:
                    if (XssRules.IsDangerousComment(text))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static bool IsDangerousValue(HtmlAttributeRisk risk, ReadOnlySpan<char> value, bool insideInjectedTag) => risk switch
    {
        HtmlAttributeRisk.Always => !value.Trim().IsEmpty,
        // Inside a tag the input opened, any namespace declaration makes arbitrary elements (as libinjection
        // judges it); added to the application's tag, only one whose elements run script.
        HtmlAttributeRisk.Namespace => insideInjectedTag || XssRules.IsDangerousNamespace(value),
        HtmlAttributeRisk.Url => XssRules.IsDangerousUrl(value),
        HtmlAttributeRisk.Style => XssRules.IsDangerousStyle(value),
        HtmlAttributeRisk.Indirect => XssRules.ClassifyAttribute(value.Trim(), insideInjectedTag) != HtmlAttributeRisk.None,
        _ => false,
    };
}
