namespace Palisade.Contracts.Common;

/// <summary>
/// The API's operations. Each is called as POST /api/{Action} with a JSON body and answers JSON; names follow the
/// cloud's so that people and scripts that know it feel at home.
/// </summary>
public static class ApiActions
{
    public const string RoutePrefix = "/api/";

    public const string DescribeRegions = nameof(DescribeRegions);
    public const string CreateRegion = nameof(CreateRegion);

    public const string CreateSecurityGroup = nameof(CreateSecurityGroup);
    public const string DescribeSecurityGroups = nameof(DescribeSecurityGroups);
    public const string DescribeSecurityGroupAttribute = nameof(DescribeSecurityGroupAttribute);
    public const string ModifySecurityGroupAttribute = nameof(ModifySecurityGroupAttribute);
    public const string AuthorizeSecurityGroup = nameof(AuthorizeSecurityGroup);
    public const string AuthorizeSecurityGroupEgress = nameof(AuthorizeSecurityGroupEgress);
    public const string RevokeSecurityGroup = nameof(RevokeSecurityGroup);
    public const string RevokeSecurityGroupEgress = nameof(RevokeSecurityGroupEgress);
    public const string ModifySecurityGroupPolicy = nameof(ModifySecurityGroupPolicy);
    public const string ModifySecurityGroupRule = nameof(ModifySecurityGroupRule);
    public const string DeleteSecurityGroup = nameof(DeleteSecurityGroup);
    public const string JoinSecurityGroup = nameof(JoinSecurityGroup);
    public const string LeaveSecurityGroup = nameof(LeaveSecurityGroup);
    public const string DescribeSecurityGroupReferences = nameof(DescribeSecurityGroupReferences);

    public const string DescribeInstances = nameof(DescribeInstances);
    public const string ModifyNetworkInterfaceAttribute = nameof(ModifyNetworkInterfaceAttribute);
    public const string DeleteInstance = nameof(DeleteInstance);

    public const string CheckInstanceAccess = nameof(CheckInstanceAccess);
    public const string DescribeEffectiveAccess = nameof(DescribeEffectiveAccess);
    public const string DescribeInstanceRisks = nameof(DescribeInstanceRisks);

    public const string CreatePrefixList = nameof(CreatePrefixList);
    public const string DescribePrefixLists = nameof(DescribePrefixLists);
    public const string ModifyPrefixList = nameof(ModifyPrefixList);
    public const string DeletePrefixList = nameof(DeletePrefixList);

    public const string CreateApiToken = nameof(CreateApiToken);
    public const string DescribeApiTokens = nameof(DescribeApiTokens);
    public const string DeleteApiToken = nameof(DeleteApiToken);

    // Agent protocol (agent tokens only).
    public const string AgentRegister = "agent/register";
    public const string AgentDesiredState = "agent/desired-state";
    public const string AgentReport = "agent/report";
}
