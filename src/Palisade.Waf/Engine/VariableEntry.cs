using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// A member of a request or response collection. <see cref="KeyId"/> and <see cref="ValueId"/> number the distinct
/// texts of the transaction (-1 when not numbered), so equal texts share one transformation and one prefilter scan.
/// </summary>
internal readonly record struct VariableEntry(string Key, string Value, int KeyId = -1, int ValueId = -1);

/// <summary>A value a rule's target produced, with the variable it came from (for MATCHED_VAR_NAME and the logs).</summary>
/// <remarks>
/// <see cref="Slot"/> names where the value lives for the whole transaction (a member of a request collection, a
/// request fact), so its transformations and prefilter scan are computed once; -1 for values that may change (TX,
/// MATCHED_*, counts).
/// </remarks>
internal readonly record struct TargetValue(VariableName Variable, string Key, string Value, int Slot = -1)
{
    /// <summary>ModSecurity's name for it: "ARGS:foo", "REQUEST_URI", "&amp;ARGS" style names are built by the caller.</summary>
    public string FullName => Key.Length == 0 ? VariableCatalog.NameOf(Variable) : VariableCatalog.NameOf(Variable) + ":" + Key;
}
