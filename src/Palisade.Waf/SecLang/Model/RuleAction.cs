namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// One action of a rule, in the order written. <see cref="Argument"/> keeps the text after ':' (quotes removed); the
/// typed members carry what was parsed from it, set only for the actions they belong to.
/// </summary>
public sealed record RuleAction
{
    public required ActionName Name { get; init; }

    /// <summary>The value after ':' without its quotes; null for actions written without a value.</summary>
    public string? Argument { get; init; }

    public SourceLocation Location { get; init; }

    public ActionCategory Category => ActionCatalog.CategoryOf(Name);

    /// <summary>t:…</summary>
    public TransformationName? Transformation { get; init; }

    /// <summary>msg, logdata, tag, redirect, setuid, setsid, setrsc: the value with its %{…} macros split out.</summary>
    public MacroString? Text { get; init; }

    /// <summary>setvar, expirevar, initcol, setenv.</summary>
    public CollectionAssignment? Assignment { get; init; }

    /// <summary>ctl.</summary>
    public ControlAction? Control { get; init; }

    /// <summary>id, phase (1–5), severity (0–7), status, skip, accuracy, maturity.</summary>
    public int? Number { get; init; }

    /// <summary>allow.</summary>
    public AllowScope? Allow { get; init; }

    /// <summary>The SecLang form, e.g. "setvar:'tx.x=+%{tx.y}'".</summary>
    public override string ToString()
    {
        var name = ActionCatalog.NameOf(Name);
        if (Argument is null)
        {
            return name;
        }

        var needsQuotes = Argument.Length == 0 || Argument.AsSpan().IndexOfAny(" ,'\t") >= 0;
        return needsQuotes ? $"{name}:'{Argument.Replace("'", "\\'", StringComparison.Ordinal)}'" : $"{name}:{Argument}";
    }
}
