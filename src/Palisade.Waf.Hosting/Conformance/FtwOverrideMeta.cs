namespace Palisade.Waf.Hosting.Conformance;

/// <summary>Which engine and platform an overrides file is for; informational.</summary>
internal sealed class FtwOverrideMeta
{
    public string? Engine { get; init; }

    public string? Platform { get; init; }

    public List<Dictionary<string, string>>? Annotations { get; init; }
}
