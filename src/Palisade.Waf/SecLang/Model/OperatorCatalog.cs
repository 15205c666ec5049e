using System.Collections.Frozen;

namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// Names and argument shapes of the supported operators (names from the ModSecurity reference manual and
/// libmodsecurity v3 src/operators; matched ignoring case, as v3 lower-cases operator names).
/// </summary>
public static class OperatorCatalog
{
    private static readonly (string Text, OperatorName Name, OperatorArgumentKind Argument)[] Entries =
    [
        ("beginsWith", OperatorName.BeginsWith, OperatorArgumentKind.Text),
        ("contains", OperatorName.Contains, OperatorArgumentKind.Text),
        ("containsWord", OperatorName.ContainsWord, OperatorArgumentKind.Text),
        ("detectSQLi", OperatorName.DetectSqli, OperatorArgumentKind.None),
        ("detectXSS", OperatorName.DetectXss, OperatorArgumentKind.None),
        ("endsWith", OperatorName.EndsWith, OperatorArgumentKind.Text),
        ("eq", OperatorName.Eq, OperatorArgumentKind.Integer),
        ("ge", OperatorName.Ge, OperatorArgumentKind.Integer),
        ("geoLookup", OperatorName.GeoLookup, OperatorArgumentKind.None),
        ("gt", OperatorName.Gt, OperatorArgumentKind.Integer),
        ("ipMatch", OperatorName.IpMatch, OperatorArgumentKind.RequiredText),
        ("ipMatchFromFile", OperatorName.IpMatchFromFile, OperatorArgumentKind.DataFiles),
        ("ipMatchF", OperatorName.IpMatchFromFile, OperatorArgumentKind.DataFiles),
        ("le", OperatorName.Le, OperatorArgumentKind.Integer),
        ("lt", OperatorName.Lt, OperatorArgumentKind.Integer),
        ("noMatch", OperatorName.NoMatch, OperatorArgumentKind.None),
        ("pm", OperatorName.Pm, OperatorArgumentKind.RequiredText),
        ("pmFromFile", OperatorName.PmFromFile, OperatorArgumentKind.DataFiles),
        ("pmf", OperatorName.PmFromFile, OperatorArgumentKind.DataFiles),
        ("rbl", OperatorName.Rbl, OperatorArgumentKind.RequiredText),
        ("rx", OperatorName.Rx, OperatorArgumentKind.Text),
        ("streq", OperatorName.StrEq, OperatorArgumentKind.Text),
        ("strmatch", OperatorName.StrMatch, OperatorArgumentKind.RequiredText),
        ("unconditionalMatch", OperatorName.UnconditionalMatch, OperatorArgumentKind.None),
        ("validateByteRange", OperatorName.ValidateByteRange, OperatorArgumentKind.ByteRanges),
        ("validateUrlEncoding", OperatorName.ValidateUrlEncoding, OperatorArgumentKind.None),
        ("validateUtf8Encoding", OperatorName.ValidateUtf8Encoding, OperatorArgumentKind.None),
        ("within", OperatorName.Within, OperatorArgumentKind.Text),
    ];

    private static readonly FrozenDictionary<string, (OperatorName Name, OperatorArgumentKind Argument)> ByText =
        Entries.ToFrozenDictionary(e => e.Text, e => (e.Name, e.Argument), StringComparer.OrdinalIgnoreCase);

    private static readonly string[] TextByName = BuildTextByName();

    public static IReadOnlyList<string> AllNames { get; } = Entries.Select(e => "@" + e.Text).ToArray();

    public static bool TryParse(string text, out OperatorName name, out OperatorArgumentKind argument)
    {
        if (ByText.TryGetValue(text, out var entry))
        {
            (name, argument) = entry;
            return true;
        }

        name = default;
        argument = default;
        return false;
    }

    /// <summary>The canonical name without '@', e.g. "pmFromFile" (the first spelling listed for aliases).</summary>
    public static string NameOf(OperatorName name) => TextByName[(int)name];

    private static string[] BuildTextByName()
    {
        var texts = new string[Enum.GetValues<OperatorName>().Length];
        foreach (var entry in Entries)
        {
            texts[(int)entry.Name] ??= entry.Text;
        }

        return texts;
    }
}
