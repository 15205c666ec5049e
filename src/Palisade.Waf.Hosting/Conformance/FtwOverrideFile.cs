namespace Palisade.Waf.Hosting.Conformance;

/// <summary>The YAML document of a platform overrides file.</summary>
internal sealed class FtwOverrideFile
{
    public string? Version { get; init; }

    public FtwOverrideMeta? Meta { get; init; }

    public List<FtwTestOverride> TestOverrides { get; init; } = [];
}
