namespace Palisade.Waf.Detection.Html;

/// <summary>What an attribute's value can do, which decides how the value is checked.</summary>
internal enum HtmlAttributeRisk : byte
{
    None,

    /// <summary>Any value runs script or changes parsing: event handlers, srcdoc, IE data binding.</summary>
    Always,

    /// <summary>An xmlns declaration: dangerous when it names a namespace whose elements run script.</summary>
    Namespace,

    /// <summary>The value is a URL: dangerous with a javascript:, vbscript: or active data: scheme.</summary>
    Url,

    /// <summary>The value is CSS: dangerous with expression(), script URLs, bindings or @import.</summary>
    Style,

    /// <summary>The value names another attribute (SVG attributeName): dangerous when it names a risky one.</summary>
    Indirect,
}
