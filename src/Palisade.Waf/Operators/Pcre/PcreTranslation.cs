namespace Palisade.Waf.Operators.Pcre;

/// <summary>
/// A PCRE pattern rewritten for .NET. <see cref="BacktrackingReason"/> is set when it uses a construct only the
/// backtracking engine has (backreference, lookaround, atomic group, possessive quantifier, \G).
/// <see cref="TrailingNewlinePattern"/>, present when the pattern has a multiline '^', is the exact PCRE form for an
/// input that ends with a newline (where .NET's '^' would also match at the very end and PCRE's does not).
/// </summary>
internal sealed record PcreTranslation(string Pattern, string? BacktrackingReason, string? TrailingNewlinePattern = null)
{
    public bool RequiresBacktracking => BacktrackingReason is not null;
}
