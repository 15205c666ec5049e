namespace Palisade.Waf.SecLang;

/// <summary>One problem found in a rule configuration, at the place it was found.</summary>
public sealed record SecLangError(SourceLocation Location, string Message)
{
    /// <summary>The compiler-style form <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{Location}: {Message}";
}
