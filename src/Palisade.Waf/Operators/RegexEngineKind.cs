namespace Palisade.Waf.Operators;

/// <summary>Which .NET engine runs a rule's regular expression.</summary>
public enum RegexEngineKind
{
    /// <summary>RegexOptions.NonBacktracking: linear time in the input, no timeout needed.</summary>
    NonBacktracking,

    /// <summary>The backtracking engine with a match timeout, for patterns NonBacktracking cannot take.</summary>
    Backtracking,
}
