namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// One piece of a <see cref="MacroString"/>: literal text, or a %{VARIABLE} / %{COLLECTION.key} reference to expand
/// at run time.
/// </summary>
public readonly record struct MacroSegment
{
    private MacroSegment(string literal, VariableName variable, string? key, bool isLiteral)
    {
        Literal = literal;
        Variable = variable;
        Key = key;
        IsLiteral = isLiteral;
    }

    public bool IsLiteral { get; }

    /// <summary>The text of a literal segment; empty for a reference.</summary>
    public string Literal { get; }

    /// <summary>The referenced variable or collection (meaningless for a literal).</summary>
    public VariableName Variable { get; }

    /// <summary>The key after the dot (e.g. "critical_anomaly_score" in %{tx.critical_anomaly_score}), as written; null when absent.</summary>
    public string? Key { get; }

    public static MacroSegment FromLiteral(string text) => new(text, default, null, isLiteral: true);

    public static MacroSegment FromVariable(VariableName variable, string? key) => new("", variable, key, isLiteral: false);

    public override string ToString() =>
        IsLiteral ? Literal : Key is null ? $"%{{{VariableCatalog.NameOf(Variable)}}}" : $"%{{{VariableCatalog.NameOf(Variable)}.{Key}}}";
}
