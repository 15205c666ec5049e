namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// The parsed value of setvar, expirevar, initcol and setenv: which collection member to change, how, and to what.
/// For initcol the <see cref="Value"/> is the record key and <see cref="Key"/> is empty; for expirevar the value is the
/// number of seconds; for setenv the collection is ENV.
/// </summary>
public sealed record CollectionAssignment
{
    public required VariableName Collection { get; init; }

    public MacroString Key { get; init; } = MacroString.Empty;

    public AssignmentMode Mode { get; init; }

    public MacroString Value { get; init; } = MacroString.Empty;
}
