namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// Text that may contain %{…} macros (msg, logdata, setvar values, operator arguments), split once at parse time into
/// literal and reference segments so the engine expands it without re-scanning. Immutable.
/// </summary>
public sealed class MacroString
{
    public static MacroString Empty { get; } = new("", []);

    internal MacroString(string text, MacroSegment[] segments)
    {
        Text = text;
        Segments = segments;
        SegmentArray = segments;
        var constant = true;
        foreach (var segment in segments)
        {
            constant &= segment.IsLiteral;
        }

        IsConstant = constant;
    }

    /// <summary>The text as written in the rule.</summary>
    public string Text { get; }

    public IReadOnlyList<MacroSegment> Segments { get; }

    /// <summary>The same segments as an array, for the engine's allocation-free walk.</summary>
    internal MacroSegment[] SegmentArray { get; }

    /// <summary>True when there is nothing to expand: <see cref="Text"/> is the value.</summary>
    public bool IsConstant { get; }

    public static MacroString Constant(string text) => text.Length == 0 ? Empty : new(text, [MacroSegment.FromLiteral(text)]);

    public override string ToString() => Text;
}
