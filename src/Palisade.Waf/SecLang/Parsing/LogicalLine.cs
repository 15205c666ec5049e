namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// One directive after joining backslash-continued physical lines, with the map back from an offset in
/// <see cref="Text"/> to the file's line and column, so errors point at what the author wrote.
/// </summary>
internal sealed class LogicalLine
{
    private readonly int[] _segmentStarts;
    private readonly int[] _segmentLines;
    private readonly int[] _segmentColumns;

    public LogicalLine(string file, string text, int[] segmentStarts, int[] segmentLines, int[] segmentColumns)
    {
        File = file;
        Text = text;
        _segmentStarts = segmentStarts;
        _segmentLines = segmentLines;
        _segmentColumns = segmentColumns;
    }

    public string File { get; }

    public string Text { get; }

    public SourceLocation Start => LocationAt(0);

    public SourceLocation LocationAt(int offset)
    {
        var segment = Array.BinarySearch(_segmentStarts, offset);
        if (segment < 0)
        {
            segment = ~segment - 1;
        }

        segment = Math.Clamp(segment, 0, _segmentStarts.Length - 1);
        return new SourceLocation(File, _segmentLines[segment], _segmentColumns[segment] + (offset - _segmentStarts[segment]));
    }
}
