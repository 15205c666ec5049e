namespace Palisade.Waf.SecLang.Model;

/// <summary>An inclusive range of rule ids ("942100" or "942100-942999").</summary>
public readonly record struct RuleIdRange(int First, int Last)
{
    public bool Contains(int id) => id >= First && id <= Last;

    public override string ToString() => First == Last ? First.ToString(System.Globalization.CultureInfo.InvariantCulture) : FormattableString.Invariant($"{First}-{Last}");
}
