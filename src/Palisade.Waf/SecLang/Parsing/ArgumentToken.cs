namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// One whitespace-separated argument of a directive, quotes removed, remembering where each character came from.
/// </summary>
internal sealed class ArgumentToken
{
    private readonly LogicalLine _line;
    private readonly int _contentStart;
    private readonly int[]? _offsets;

    public ArgumentToken(LogicalLine line, string value, int start, int contentStart, bool quoted, int[]? offsets)
    {
        _line = line;
        Value = value;
        Start = start;
        _contentStart = contentStart;
        Quoted = quoted;
        _offsets = offsets;
    }

    public string Value { get; }

    /// <summary>Offset in the logical line of the token's first character (its opening quote, if any).</summary>
    public int Start { get; }

    public bool Quoted { get; }

    public LogicalLine Line => _line;

    /// <summary>Where the token starts in the file.</summary>
    public SourceLocation Location => _line.LocationAt(Start);

    /// <summary>Where the character at <paramref name="index"/> of <see cref="Value"/> was written.</summary>
    public SourceLocation LocationOf(int index)
    {
        if (_offsets is null || _offsets.Length == 0)
        {
            return _line.LocationAt(_contentStart + Math.Max(index, 0));
        }

        var clamped = Math.Clamp(index, 0, _offsets.Length - 1);
        return _line.LocationAt(_offsets[clamped] + (index - clamped));
    }
}
