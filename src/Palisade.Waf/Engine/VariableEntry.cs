using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>A member of a collection (key and value) or a scalar (key empty), as a target hands it to an operator.</summary>
internal readonly record struct VariableEntry(string Key, string Value);

/// <summary>A value a rule's target produced, with the variable it came from (for MATCHED_VAR_NAME and the logs).</summary>
internal readonly record struct TargetValue(VariableName Variable, string Key, string Value)
{
    /// <summary>ModSecurity's name for it: "ARGS:foo", "REQUEST_URI", "&amp;ARGS" style names are built by the caller.</summary>
    public string FullName => Key.Length == 0 ? VariableCatalog.NameOf(Variable) : VariableCatalog.NameOf(Variable) + ":" + Key;
}
