using Palisade.Contracts.SecurityGroups;

namespace Palisade.Server.Console;

/// <summary>
/// The fields of the "Add Security Group Rule" dialog, as typed. The direction comes from the section (Inbound or
/// Outbound) the dialog was opened in; the authorization type says which API field the object goes to.
/// </summary>
internal sealed class RuleDialogInput
{
    public const string Ipv4Cidr = "ipv4";
    public const string Ipv6Cidr = "ipv6";
    public const string SecurityGroup = "group";
    public const string PrefixList = "prefixlist";

    /// <summary>ingress or egress.</summary>
    public string Direction { get; set; } = "ingress";

    /// <summary>accept (Allow) or drop (Deny).</summary>
    public string Policy { get; set; } = "accept";

    public string IpProtocol { get; set; } = "tcp";

    public string? PortRange { get; set; }

    public string AuthorizationType { get; set; } = Ipv4Cidr;

    public string? AuthorizationObject { get; set; }

    public string Priority { get; set; } = "1";

    public string? Description { get; set; }

    public bool IsEgress => string.Equals(Direction, "egress", StringComparison.OrdinalIgnoreCase);

    /// <summary>The request AuthorizeSecurityGroup (or its Egress form) takes for this rule.</summary>
    public AuthorizeSecurityGroupRequest ToRequest(string? regionId, string securityGroupId)
    {
        var request = new AuthorizeSecurityGroupRequest
        {
            RegionId = regionId,
            SecurityGroupId = securityGroupId,
            Policy = Policy,
            Priority = Priority,
            IpProtocol = IpProtocol,
            PortRange = PortRange,
            Description = Description,
        };
        var target = AuthorizationObject?.Trim();
        switch (AuthorizationType, IsEgress)
        {
            case (Ipv6Cidr, false): request.Ipv6SourceCidrIp = target; break;
            case (Ipv6Cidr, true): request.Ipv6DestCidrIp = target; break;
            case (SecurityGroup, false): request.SourceGroupId = target; break;
            case (SecurityGroup, true): request.DestGroupId = target; break;
            case (PrefixList, false): request.SourcePrefixListId = target; break;
            case (PrefixList, true): request.DestPrefixListId = target; break;
            case (_, false): request.SourceCidrIp = target; break;
            default: request.DestCidrIp = target; break;
        }

        return request;
    }

    /// <summary>The API fields an error may name that belong to the "Authorization Object" input.</summary>
    public static readonly string[] ObjectFields =
        ["SourceCidrIp", "SourceGroupId", "SourcePrefixListId", "DestCidrIp", "DestGroupId", "DestPrefixListId", "source", "destination"];

    /// <summary>The API fields whose errors are shown next to an input of the dialog (the rest above the form).</summary>
    public static readonly string[] InputFields = ["Policy", "IpProtocol", "PortRange", "Priority", "Description", .. ObjectFields];

    public static bool HasInputFor(string field) => InputFields.Any(f => field.EndsWith(f, StringComparison.Ordinal));
}
