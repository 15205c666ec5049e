namespace Palisade.Core;

/// <summary>
/// Error codes as users know them from the cloud API (see shared/guide/product.md §1). Codes are part of the
/// public contract: scripts match on them, so they never change once published. "InvalidParamter" is spelled as
/// the cloud spells it.
/// </summary>
public static class ErrorCodes
{
    // Not found (404)
    public const string SecurityGroupNotFound = "InvalidSecurityGroupId.NotFound";
    public const string SourceGroupNotFound = "InvalidSourceGroupId.NotFound";
    public const string DestGroupNotFound = "InvalidDestGroupId.NotFound";
    public const string PrefixListNotFound = "InvalidPrefixListId.NotFound";
    public const string InstanceNotFound = "InvalidInstanceId.NotFound";
    public const string NetworkInterfaceNotFound = "InvalidNetworkInterfaceId.NotFound";
    public const string RegionNotFound = "InvalidRegionId.NotFound";
    public const string RuleNotFound = "InvalidSecurityGroupRuleId.NotFound";
    public const string TokenNotFound = "InvalidTokenId.NotFound";

    // Malformed or unsupported values (400)
    public const string IpProtocolMalformed = "InvalidIpProtocol.Malformed";
    public const string IpProtocolValueNotSupported = "InvalidIpProtocol.ValueNotSupported";
    public const string PortRangeMalformed = "InvalidPortRange.Malformed";
    public const string SourcePortRangeMalformed = "InvalidSourcePortRange.Malformed";
    public const string SourceCidrIpMalformed = "InvalidSourceCidrIp.Malformed";
    public const string DestCidrIpMalformed = "InvalidDestCidrIp.Malformed";
    public const string Ipv6SourceCidrIpMalformed = "InvalidIpv6SourceCidrIp.Malformed";
    public const string Ipv6DestCidrIpMalformed = "InvalidIpv6DestCidrIp.Malformed";
    public const string PriorityMalformed = "InvalidPriority.Malformed";
    public const string PolicyMalformed = "InvalidPolicy.Malformed";
    public const string NicTypeValueNotSupported = "InvalidNicType.ValueNotSupported";
    public const string DescriptionMalformed = "InvalidDescription.Malformed";
    public const string SecurityGroupNameMalformed = "InvalidSecurityGroupName.Malformed";
    public const string SecurityGroupTypeMalformed = "InvalidSecurityGroupType.Malformed";
    public const string InnerAccessPolicyMalformed = "InvalidInnerAccessPolicy.Malformed";
    public const string SecurityGroupIdMalformed = "InvalidSecurityGroupId.Malformed";
    public const string InstanceNameMalformed = "InvalidInstanceName.Malformed";
    public const string PrefixListEntryMalformed = "InvalidPrefixListEntry.Malformed";
    public const string ParameterMalformed = "InvalidParameter.Malformed";
    public const string ParameterConflict = "InvalidParamter.Conflict";
    public const string MissingSource = "MissingParameter.Source";
    public const string MissingDestination = "MissingParameter.Destination";
    public const string MissingParameter = "MissingParameter";

    // Refused operations (403/409)
    public const string OperationDenied = "OperationDenied";
    public const string AuthorizationLimitExceed = "AuthorizationLimitExceed";
    public const string SecurityGroupQuotaExceeded = "QuotaExceed.SecurityGroup";
    public const string NicSecurityGroupQuotaExceeded = "QuotaExceed.SecurityGroupPerNic";
    public const string InstanceLastSecurityGroup = "InstanceLastSecurityGroup";
    public const string SecurityGroupTypeMismatch = "InvalidSecurityGroup.TypeMismatch";
    public const string DependencyViolation = "DependencyViolation";

    // Authentication (401/403)
    public const string Unauthenticated = "Unauthenticated";
    public const string Forbidden = "Forbidden.NotAuthorized";
    public const string AccountLocked = "Forbidden.AccountLocked";

    // Server-side
    public const string InternalError = "InternalError";
    public const string UnknownAction = "InvalidAction.NotFound";
}
