namespace Palisade.Waf.SecLang;

/// <summary>A place in a rule file: 1-based line and column (columns count UTF-16 characters, a tab counts one).</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>"file:line:column", or just the file when the problem concerns the whole file (line 0).</summary>
    public override string ToString() => Line == 0 ? File : $"{File}:{Line}:{Column}";
}
