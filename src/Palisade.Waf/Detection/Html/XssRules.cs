using System.Collections.Frozen;

namespace Palisade.Waf.Detection.Html;

/// <summary>
/// Our lists of what makes HTML active: tags that run or load script, attributes that take script, URLs or CSS,
/// dangerous URL schemes and CSS constructs, and comment forms old browsers executed. Which kinds of thing to list
/// follows libinjection's XSS design; the entries come from the HTML, SVG and DOM event specifications and from
/// public XSS filter-evasion references.
/// </summary>
internal static class XssRules
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> DangerousTags = Set(
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta", "style",
        "xml", "import", "isindex", "handler", "listener", "vmlframe", "layer", "ilayer", "bgsound", "portal",
        "template", "noscript", "xss");

    /// <summary>DOM and SVG events (HTML, UI Events, Pointer Events, CSS animations and transitions, media, SVG SMIL).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Events = Set(
        "abort", "activate", "afterprint", "afterscriptexecute", "animationcancel", "animationend",
        "animationiteration", "animationstart", "auxclick", "beforecopy", "beforecut", "beforeinput",
        "beforematch", "beforepaste", "beforeprint", "beforescriptexecute", "beforetoggle", "beforeunload", "begin",
        "blur", "bounce", "cancel", "canplay", "canplaythrough", "change", "click", "close", "contentvisibilityautostatechange",
        "contextlost", "contextmenu", "contextrestored", "copy", "cuechange", "cut", "dblclick", "drag", "dragend",
        "dragenter", "dragexit", "dragleave", "dragover", "dragstart", "drop", "durationchange", "emptied", "end",
        "ended", "error", "finish", "focus", "focusin", "focusout", "formdata", "fullscreenchange", "fullscreenerror",
        "gotpointercapture", "hashchange", "help", "input", "invalid", "keydown", "keypress", "keyup", "load",
        "loadeddata", "loadedmetadata", "loadend", "loadstart", "lostpointercapture", "message", "messageerror",
        "mousedown", "mouseenter", "mouseleave", "mousemove", "mouseout", "mouseover", "mouseup", "mousewheel",
        "offline", "online", "pagehide", "pagereveal", "pageshow", "pageswap", "paste", "pause", "play", "playing",
        "pointercancel", "pointerdown", "pointerenter", "pointerleave", "pointermove", "pointerout", "pointerover",
        "pointerrawupdate", "pointerup", "popstate", "progress", "propertychange", "ratechange", "readystatechange",
        "rejectionhandled", "repeat", "reset", "resize", "scroll", "scrollend", "scrollsnapchange",
        "scrollsnapchanging", "search", "securitypolicyviolation", "seeked", "seeking", "select", "selectionchange",
        "selectstart", "show", "slotchange", "stalled", "start", "storage", "submit", "suspend", "timeupdate",
        "toggle", "touchcancel", "touchend", "touchmove", "touchstart", "transitioncancel", "transitionend",
        "transitionrun", "transitionstart", "unhandledrejection", "unload", "volumechange", "waiting",
        "webkitanimationend", "webkitanimationiteration", "webkitanimationstart", "webkitmouseforcechanged",
        "webkitmouseforcedown", "webkitmouseforceup", "webkitmouseforcewillbegin", "webkitplaybacktargetavailabilitychanged",
        "webkittransitionend", "webkitwillrevealbottom", "wheel", "zoom", "filterchange", "layoutcomplete",
        "losecapture", "move", "moveend", "movestart", "rowenter", "rowexit", "rowsdelete", "rowsinserted",
        "datasetchanged", "datasetcomplete", "dataavailable", "errorupdate", "controlselect", "deactivate",
        "beforeactivate", "beforedeactivate", "beforeeditfocus", "beforeupdate", "afterupdate", "cellchange");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> UrlAttributes = Set(
        "href", "src", "action", "formaction", "data", "background", "dynsrc", "lowsrc", "poster", "codebase",
        "cite", "longdesc", "usemap", "profile", "manifest", "icon", "archive", "classid", "ping", "xlink:href",
        "xml:base", "from", "to", "values", "by", "folder", "handler", "code", "content");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> AlwaysAttributes = Set(
        "srcdoc", "datasrc", "dataformatas", "datafld", "seeksegmenttime");

    /// <summary>True for tags that run or load script, or switch the parser into a mode that can.</summary>
    public static bool IsDangerousTag(ReadOnlySpan<char> name)
    {
        // "scr<script": a tag name with a '<' inside targets filters that delete the inner tag.
        var lessThan = name.LastIndexOf('<');
        if (lessThan >= 0)
        {
            name = name[(lessThan + 1)..];
        }

        // Namespaced names (x:script, svg:svg) act as their local name once an xmlns declares the prefix.
        var colon = name.LastIndexOf(':');
        if (colon >= 0)
        {
            name = name[(colon + 1)..];
        }

        return DangerousTags.Contains(name)
            || name.StartsWith("svg", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("xsl", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("math", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Classifies an attribute name. <paramref name="insideInjectedTag"/> is true when the input itself opened the
    /// tag: there any on* name is an event handler (browsers and filters disagree on the list); where the input
    /// only adds attributes to the application's tag, the name must be a known event, so that "online=yes" in
    /// free text is not one.
    /// </summary>
    public static HtmlAttributeRisk ClassifyAttribute(ReadOnlySpan<char> name, bool insideInjectedTag)
    {
        if (name.Length > 2 && name[0] is 'o' or 'O' && name[1] is 'n' or 'N')
        {
            if ((insideInjectedTag && name.Length >= 5) || Events.Contains(name[2..]))
            {
                return HtmlAttributeRisk.Always;
            }
        }

        if (name.StartsWith("xmlns", StringComparison.OrdinalIgnoreCase))
        {
            return HtmlAttributeRisk.Namespace;
        }

        if (AlwaysAttributes.Contains(name))
        {
            return HtmlAttributeRisk.Always;
        }

        if (UrlAttributes.Contains(name))
        {
            return HtmlAttributeRisk.Url;
        }

        if (name.Equals("style", StringComparison.OrdinalIgnoreCase) || name.Equals("filter", StringComparison.OrdinalIgnoreCase))
        {
            return HtmlAttributeRisk.Style;
        }

        return name.Equals("attributename", StringComparison.OrdinalIgnoreCase)
            ? HtmlAttributeRisk.Indirect
            : HtmlAttributeRisk.None;
    }

    /// <summary>
    /// True for URLs that run script: javascript:, vbscript:, livescript:, and data: unless it is plainly an image,
    /// audio, video or font. As a browser reads it: references decoded, leading spaces and control characters
    /// dropped, tabs and line breaks removed anywhere (WHATWG URL parsing), so "&amp;#106;ava&amp;Tab;script:" counts
    /// and "javascript : the good parts" does not.
    /// </summary>
    public static bool IsDangerousUrl(ReadOnlySpan<char> value)
    {
        Span<char> scheme = stackalloc char[MaxSchemeLength + 1];
        var reader = new HtmlCharacterReader(value, skipWhitespace: false);
        var length = 0;
        while (reader.Next(out var c))
        {
            if (c is '\t' or '\n' or '\r' || (length == 0 && c <= ' '))
            {
                continue;
            }

            if (c == ':')
            {
                return IsDangerousScheme(scheme[..length], ref reader);
            }

            if (length == scheme.Length || !(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }

            scheme[length++] = char.ToLowerInvariant(c);
        }

        return false;
    }

    private const int MaxSchemeLength = 16;

    private static bool IsDangerousScheme(scoped ReadOnlySpan<char> scheme, ref HtmlCharacterReader rest)
    {
        if (scheme is "javascript" or "vbscript" or "livescript" or "mocha")
        {
            return true;
        }

        if (scheme is not "data")
        {
            return false;
        }

        Span<char> mediaType = stackalloc char[6];
        var length = 0;
        while (length < mediaType.Length && rest.Next(out var c))
        {
            // The media type's leading whitespace is stripped (Fetch: data: URL processor).
            if (length > 0 || c > ' ')
            {
                mediaType[length++] = char.ToLowerInvariant(c);
            }
        }

        var type = mediaType[..length];
        var passive = type.StartsWith("image/") || type.StartsWith("audio/") || type.StartsWith("video/") || type.StartsWith("font/");
        if (!passive || !type.StartsWith("image/"))
        {
            return !passive;
        }

        // image/svg+xml carries script.
        Span<char> subtype = stackalloc char[3];
        var subtypeLength = 0;
        while (subtypeLength < subtype.Length && rest.Next(out var c))
        {
            subtype[subtypeLength++] = char.ToLowerInvariant(c);
        }

        return subtype[..subtypeLength] is "svg";
    }

    /// <summary>
    /// True for CSS that runs script or loads it: expression(…) (old IE), javascript:/vbscript: URLs, behavior and
    /// -moz-binding, @import; read through <see cref="CssCharacterReader"/>, so comments, escapes, whitespace and
    /// case do not hide them.
    /// </summary>
    public static bool IsDangerousStyle(ReadOnlySpan<char> value)
    {
        var matcher = new StylePatternMatcher();
        var reader = new CssCharacterReader(value);
        while (reader.Next(out var c))
        {
            if (matcher.Feed(char.ToLowerInvariant(c)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True for a namespace that turns elements into HTML, SVG, MathML, XSLT or Microsoft's VML and behaviours,
    /// where script runs (x:script with xmlns:x set to XHTML). Other namespaces (Adobe's XMP metadata) are inert.
    /// </summary>
    public static bool IsDangerousNamespace(ReadOnlySpan<char> value)
    {
        foreach (var marker in ActiveNamespaceMarkers)
        {
            if (value.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return IsDangerousUrl(value);
    }

    private static readonly string[] ActiveNamespaceMarkers =
        ["1999/xhtml", "2000/svg", "1998/math", "xsl/transform", "urn:schemas-microsoft-com"];

    /// <summary>
    /// True for comment forms old browsers acted on: IE conditional comments ([if …]), a backtick (IE closed tags
    /// with it), and the XML processing instructions and declarations that import, style or declare
    /// (&lt;?xml-stylesheet, &lt;?import, &lt;!ENTITY). A plain &lt;?xml version="1.0"?&gt; is inert.
    /// </summary>
    public static bool IsDangerousComment(ReadOnlySpan<char> text)
    {
        if (text.Contains('`'))
        {
            return true;
        }

        var trimmed = text.TrimStart();
        return trimmed.StartsWith("[if", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("?xml-stylesheet", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("?import", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("import", StringComparison.OrdinalIgnoreCase)
            || trimmed.StartsWith("entity", StringComparison.OrdinalIgnoreCase);
    }

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(params string[] items) =>
        items.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
}
