using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// Splits text into literal parts and %{NAME} / %{COLLECTION.key} references (ModSecurity's macro expansion syntax).
/// "%{" not followed by a letter is literal text; a reference must close with '}' and name a known variable.
/// </summary>
internal static class MacroParser
{
    public static MacroString? Parse(TextSource source, Diagnostics diagnostics)
    {
        var text = source.Text;
        var first = text.IndexOf("%{", StringComparison.Ordinal);
        if (first < 0)
        {
            return MacroString.Constant(text);
        }

        var segments = new List<MacroSegment>();
        var literalStart = 0;
        var ok = true;
        for (var at = first; at >= 0 && at < text.Length; at = text.IndexOf("%{", at, StringComparison.Ordinal))
        {
            var nameStart = at + 2;
            if (nameStart >= text.Length || !(char.IsAsciiLetter(text[nameStart]) || text[nameStart] == '_'))
            {
                at = nameStart;
                continue;
            }

            var close = text.IndexOf('}', nameStart);
            if (close < 0)
            {
                diagnostics.Report(source.LocationOf(at), $"Unterminated macro '{Shown.Text(text[at..])}': a macro is %{{VARIABLE}} or %{{COLLECTION.key}} and must end with '}}'.");
                return null;
            }

            var reference = text[nameStart..close];
            var dot = reference.IndexOf('.');
            var name = dot < 0 ? reference : reference[..dot];
            string? key = dot < 0 ? null : reference[(dot + 1)..];
            if (!VariableCatalog.TryParse(name, out var variable))
            {
                diagnostics.ReportUnknown(source.LocationOf(nameStart), "variable", name, VariableCatalog.AllNames, "In macro %{" + Shown.Text(reference) + "}: ");
                ok = false;
            }
            else if (key is not null && !VariableCatalog.IsCollection(variable))
            {
                diagnostics.Report(source.LocationOf(nameStart), $"In macro %{{{Shown.Text(reference)}}}: {VariableCatalog.NameOf(variable)} is not a collection and takes no '.key'; write %{{{VariableCatalog.NameOf(variable)}}}.");
                ok = false;
            }
            else if (key is { Length: 0 } || (key is not null && key.Contains("%{", StringComparison.Ordinal)))
            {
                diagnostics.Report(source.LocationOf(nameStart), $"In macro %{{{Shown.Text(reference)}}}: the key after '.' must be a plain non-empty name (macros do not nest).");
                ok = false;
            }

            if (at > literalStart)
            {
                segments.Add(MacroSegment.FromLiteral(text[literalStart..at]));
            }

            segments.Add(MacroSegment.FromVariable(variable, key));
            literalStart = close + 1;
            at = close + 1;
        }

        if (!ok)
        {
            return null;
        }

        if (literalStart < text.Length)
        {
            segments.Add(MacroSegment.FromLiteral(text[literalStart..]));
        }

        return new MacroString(text, segments.ToArray());
    }
}
