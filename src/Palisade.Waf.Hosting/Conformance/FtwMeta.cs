namespace Palisade.Waf.Hosting.Conformance;

/// <summary>A test file's metadata; informational only (go-ftw ignores <c>enabled</c> too).</summary>
internal sealed class FtwMeta
{
    public string? Author { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Enabled { get; init; }

    public string? Version { get; init; }

    public List<string>? Tags { get; init; }
}
