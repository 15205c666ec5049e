namespace Palisade.Waf.BodyProcessing;

/// <summary>One name/value pair a processor extracted (an argument, or a multipart part header keyed by part name).</summary>
internal readonly record struct BodyArgument(string Name, string Value);
