using System.Globalization;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>Parses rule id lists such as "942100", "942100-942999" or "1 2 9000-9010" (blank- or comma-separated).</summary>
internal static class RuleIdRangeParser
{
    public static RuleIdRange[]? Parse(TextSource source, string what, Diagnostics diagnostics)
    {
        var ranges = new List<RuleIdRange>();
        var text = source.Text;
        var ok = true;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or ',')
            {
                i++;
            }

            var start = i;
            while (i < text.Length && text[i] is not (' ' or '\t' or ','))
            {
                i++;
            }

            if (start == i)
            {
                break;
            }

            var item = text[start..i];
            var dash = item.IndexOf('-');
            var first = dash < 0 ? item : item[..dash];
            var last = dash < 0 ? item : item[(dash + 1)..];
            if (TryParseId(first, out var low) && TryParseId(last, out var high) && low <= high)
            {
                ranges.Add(new RuleIdRange(low, high));
            }
            else
            {
                diagnostics.Report(source.LocationOf(start), $"{what}: '{Shown.Text(item)}' is not a rule id or id range; expected positive integers such as 942100 or ranges such as 942100-942999.");
                ok = false;
            }
        }

        if (ok && ranges.Count == 0)
        {
            diagnostics.Report(source.LocationOf(0), $"{what}: expected at least one rule id or id range, such as 942100 or 942100-942999.");
            return null;
        }

        return ok ? ranges.ToArray() : null;
    }

    public static bool TryParseId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
}
