using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Parses a rule's targets: NAME[:selector] items separated by '|', each optionally prefixed with '&amp;' (count) or
/// '!' (exclusion). A selector is a key (ARGS:foo, ARGS:'foo bar'), a regex between slashes
/// (REQUEST_COOKIES:/__utm/), or, for XML, an XPath expression (XML:/*, XML://@*). Reports every bad item.
/// </summary>
internal static class VariableListParser
{
    public static RuleVariable[]? Parse(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var variables = new List<RuleVariable>();
        var ok = true;
        var i = 0;
        while (true)
        {
            i = SkipBlanks(text, i);
            var itemStart = i;
            var item = ParseItem(source, ref i, diagnostics);
            if (item is null)
            {
                ok = false;
                i = SkipToSeparator(text, i);
            }
            else
            {
                variables.Add(item);
            }

            i = SkipBlanks(text, i);
            if (i >= text.Length)
            {
                break;
            }

            if (text[i] != '|')
            {
                if (item is not null)
                {
                    diagnostics.Report(source.LocationOf(i), $"Expected '|' between variables, found '{text[i]}' after '{Shown.Text(text[itemStart..i].Trim())}'.");
                    ok = false;
                }

                i = SkipToSeparator(text, i);
                if (i >= text.Length)
                {
                    break;
                }
            }

            i++;
            if (SkipBlanks(text, i) >= text.Length)
            {
                diagnostics.Report(source.LocationOf(i - 1), "The variable list ends with '|': a variable must follow it.");
                ok = false;
                break;
            }
        }

        return ok ? variables.ToArray() : null;
    }

    private static RuleVariable? ParseItem(TextSource source, ref int i, Diagnostics diagnostics)
    {
        var text = source.Text;
        var start = i;
        var isExclusion = i < text.Length && text[i] == '!';
        var isCount = i < text.Length && text[i] == '&';
        if (isExclusion || isCount)
        {
            i++;
        }

        if (i < text.Length && text[i] is '!' or '&')
        {
            diagnostics.Report(source.LocationOf(start), "A variable takes either '&' (count) or '!' (exclusion), not both.");
            return null;
        }

        var nameStart = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        if (i == nameStart)
        {
            var found = i < text.Length ? $"'{text[i]}'" : "the end of the list";
            diagnostics.Report(source.LocationOf(i), $"Expected a variable name (such as ARGS or REQUEST_HEADERS:User-Agent), found {found}.");
            return null;
        }

        var name = text[nameStart..i];
        if (!VariableCatalog.TryParse(name, out var variable))
        {
            diagnostics.ReportUnknown(source.LocationOf(nameStart), "variable", name, VariableCatalog.AllNames);
            return null;
        }

        string? selector = null;
        var selectorKind = VariableSelectorKind.None;
        if (i < text.Length && text[i] == ':')
        {
            i++;
            var selectorStart = i;
            if (!ReadSelector(source, variable, ref i, diagnostics, out selector, out selectorKind))
            {
                return null;
            }

            if (!VariableCatalog.IsCollection(variable))
            {
                diagnostics.Report(source.LocationOf(selectorStart), $"{VariableCatalog.NameOf(variable)} is not a collection and takes no ':' selector; selectors apply to collections such as ARGS, REQUEST_HEADERS or TX.");
                return null;
            }
        }

        return new RuleVariable
        {
            Name = variable,
            Selector = selector,
            SelectorKind = selectorKind,
            IsCount = isCount,
            IsExclusion = isExclusion,
            Location = source.LocationOf(start),
        };
    }

    private static bool ReadSelector(TextSource source, VariableName variable, ref int i, Diagnostics diagnostics, out string? selector, out VariableSelectorKind kind)
    {
        var text = source.Text;
        var start = i;
        selector = null;
        kind = VariableSelectorKind.Key;
        if (variable == VariableName.Xml)
        {
            // XPath may contain '/' freely; it runs to the next '|'.
            i = SkipToSeparator(text, i);
            selector = text[start..i].TrimEnd(' ', '\t');
            kind = VariableSelectorKind.XPath;
        }
        else if (i < text.Length && text[i] == '/')
        {
            var close = FindRegexEnd(text, i + 1);
            if (close < 0)
            {
                diagnostics.Report(source.LocationOf(start), $"The regex selector '{Shown.Text(text[start..SkipToSeparator(text, start)])}' has no closing '/': write {VariableCatalog.NameOf(variable)}:/regex/.");
                i = SkipToSeparator(text, i);
                return false;
            }

            selector = text[(start + 1)..close];
            kind = VariableSelectorKind.Regex;
            i = close + 1;
        }
        else if (i < text.Length && text[i] == '\'')
        {
            var close = text.IndexOf('\'', i + 1);
            if (close < 0)
            {
                diagnostics.Report(source.LocationOf(start), "The quoted selector has no closing single quote.");
                i = text.Length;
                return false;
            }

            selector = text[(start + 1)..close];
            i = close + 1;
        }
        else
        {
            i = SkipToSeparator(text, i);
            selector = text[start..i].TrimEnd(' ', '\t');
        }

        if (selector.Length == 0)
        {
            diagnostics.Report(source.LocationOf(start), $"Empty selector after '{VariableCatalog.NameOf(variable)}:': write a key, a /regex/, or drop the ':'.");
            return false;
        }

        return true;
    }

    // The closing slash is the first unescaped '/' followed by the end of the list, a '|' or a blank.
    private static int FindRegexEnd(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] == '/' && (i + 1 == text.Length || text[i + 1] is '|' or ' ' or '\t'))
            {
                return i;
            }
        }

        return -1;
    }

    private static int SkipToSeparator(string text, int i)
    {
        while (i < text.Length && text[i] != '|')
        {
            i++;
        }

        return i;
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }
}
