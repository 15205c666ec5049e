namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// One location step: along the child axis ("/") or among all descendants ("//"), selecting elements, attributes or
/// text nodes by qualified name, or any name when <see cref="Name"/> is null ("*", "@*").
/// </summary>
internal readonly record struct XmlPathStep(bool Descendant, XmlPathNodeKind Kind, string? Name);
