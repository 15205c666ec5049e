namespace Palisade.Waf.SecLang.Model;

/// <summary>The test a rule applies to each target value: "@name argument", possibly negated with '!'.</summary>
public sealed record RuleOperator
{
    public required OperatorName Name { get; init; }

    /// <summary>"!@rx …": the rule matches when the operator does not.</summary>
    public bool IsNegated { get; init; }

    /// <summary>True when the rule wrote a bare pattern and ModSecurity's default @rx applies.</summary>
    public bool IsImplicit { get; init; }

    /// <summary>Everything after the operator name and its separating whitespace, as written (quotes removed).</summary>
    public string Argument { get; init; } = "";

    /// <summary><see cref="Argument"/> split into literal text and %{…} references for run-time expansion.</summary>
    public MacroString ArgumentMacro { get; init; } = MacroString.Empty;

    /// <summary>For @pmFromFile and @ipMatchFromFile: the data files, as full paths resolved against the rule file's directory.</summary>
    public IReadOnlyList<string> DataFiles { get; init; } = [];

    public SourceLocation Location { get; init; }

    public override string ToString()
    {
        var negation = IsNegated ? "!" : "";
        return Argument.Length == 0 ? $"{negation}@{OperatorCatalog.NameOf(Name)}" : $"{negation}@{OperatorCatalog.NameOf(Name)} {Argument}";
    }
}
