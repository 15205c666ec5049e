namespace Palisade.SecurityGroups.Validation;

/// <summary>The quotas of product.md §1, enforced by the server when it stores a change.</summary>
public static class Quotas
{
    public const int SecurityGroupsPerNic = 10;
    public const int RulesPerNic = 1000;
    public const int RulesPerSecurityGroup = 200;
    public const int SecurityGroupsPerRegion = 100;
    public const int PermissionsPerRequest = 100;
    public const int EntriesPerPrefixList = 200;
}
