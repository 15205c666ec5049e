namespace Palisade.Waf.Hosting.Conformance;

/// <summary>One request sent and what it must produce.</summary>
internal sealed class FtwStage
{
    public string? Description { get; init; }

    public FtwInput Input { get; init; } = new();

    public FtwOutput Output { get; init; } = new();
}
