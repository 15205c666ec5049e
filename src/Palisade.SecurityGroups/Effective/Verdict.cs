namespace Palisade.SecurityGroups.Effective;

/// <summary>The fate of a packet.</summary>
public enum Verdict
{
    Accept,
    Drop,
}
