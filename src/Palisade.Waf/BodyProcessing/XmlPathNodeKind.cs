namespace Palisade.Waf.BodyProcessing;

/// <summary>What one step of an <see cref="XmlPath"/> selects.</summary>
internal enum XmlPathNodeKind
{
    Element,
    Attribute,
    Text,
}
