namespace Palisade.Waf.SecLang.Model;

/// <summary>SecMarker NAME: a target for skipAfter.</summary>
public sealed class MarkerDefinition : ConfigurationItem
{
    public MarkerDefinition(string name, SourceLocation location)
        : base(location)
    {
        Name = name;
    }

    public string Name { get; }

    public override string ToString() => $"SecMarker \"{Name}\"";
}
