namespace Palisade.SecurityGroups.Model;

/// <summary>Whether members of a basic group reach each other when no rule decides. Enterprise groups: always Drop.</summary>
public enum InnerAccessPolicy
{
    Accept,
    Drop,
}
