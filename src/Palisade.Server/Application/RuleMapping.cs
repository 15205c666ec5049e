using System.Globalization;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Application;

/// <summary>Moves a rule between its stored form, the domain model and the API's field-per-string form.</summary>
internal static class RuleMapping
{
    public static SecurityGroupRule ToDomain(SecurityGroupRuleRecord record) => new()
    {
        SecurityGroupRuleId = record.SecurityGroupRuleId,
        SecurityGroupId = record.SecurityGroupId,
        Direction = record.Direction,
        Policy = record.Policy,
        Priority = record.Priority,
        IpProtocol = record.IpProtocol,
        PortRange = PortRange.Parse(record.PortRange),
        SourcePortRange = record.SourcePortRange is null ? null : PortRange.Parse(record.SourcePortRange),
        Peer = record.PeerKind switch
        {
            RulePeerKind.Cidr => RulePeer.ForCidr(Cidr.Parse(record.PeerValue)),
            RulePeerKind.SecurityGroup => RulePeer.ForGroup(record.PeerValue),
            _ => RulePeer.ForPrefixList(record.PeerValue),
        },
        LocalCidr = record.LocalCidr is null ? null : Cidr.Parse(record.LocalCidr),
        NicType = record.NicType,
        Description = record.Description,
        CreationTime = new DateTimeOffset(record.CreatedUtc, TimeSpan.Zero),
    };

    public static SecurityGroupRuleRecord ToRecord(SecurityGroupRule rule, string ruleId, string securityGroupId, DateTime createdUtc)
    {
        var record = new SecurityGroupRuleRecord { SecurityGroupRuleId = ruleId, SecurityGroupId = securityGroupId, CreatedUtc = createdUtc };
        CopyContent(rule, record);
        return record;
    }

    /// <summary>Copies everything but identity and creation time, for a rule modified in place.</summary>
    public static void CopyContent(SecurityGroupRule rule, SecurityGroupRuleRecord record)
    {
        record.Direction = rule.Direction;
        record.Policy = rule.Policy;
        record.Priority = rule.Priority;
        record.IpProtocol = rule.IpProtocol;
        record.PortRange = rule.PortRange.ToString();
        record.SourcePortRange = rule.SourcePortRange?.ToString();
        record.PeerKind = rule.Peer.Kind;
        record.PeerValue = rule.Peer.ToString();
        record.LocalCidr = rule.LocalCidr?.ToString();
        record.NicType = rule.NicType;
        record.Description = rule.Description;
    }

    public static RuleDraft ToDraft(PermissionInput input, Direction direction) => new()
    {
        Direction = direction,
        Policy = input.Policy,
        Priority = input.Priority,
        IpProtocol = input.IpProtocol,
        PortRange = input.PortRange,
        SourcePortRange = input.SourcePortRange,
        SourceCidrIp = input.SourceCidrIp,
        Ipv6SourceCidrIp = input.Ipv6SourceCidrIp,
        SourceGroupId = input.SourceGroupId,
        SourcePrefixListId = input.SourcePrefixListId,
        DestCidrIp = input.DestCidrIp,
        Ipv6DestCidrIp = input.Ipv6DestCidrIp,
        DestGroupId = input.DestGroupId,
        DestPrefixListId = input.DestPrefixListId,
        NicType = input.NicType,
        Description = input.Description,
    };

    public static Permission ToPermission(SecurityGroupRule rule, long hitCount)
    {
        var permission = new Permission
        {
            SecurityGroupRuleId = rule.SecurityGroupRuleId,
            Direction = rule.Direction.ToCanonical(),
            CreateTime = ApiTime.Format(rule.CreationTime.UtcDateTime),
            HitCount = hitCount,
        };
        FillFields(permission, rule);
        return permission;
    }

    /// <summary>Writes a rule in the API's fields: the peer on the side its direction gives it.</summary>
    public static void FillFields(PermissionInput target, SecurityGroupRule rule)
    {
        var ingress = rule.Direction == Direction.Ingress;
        target.Policy = rule.Policy.ToCanonical();
        target.Priority = rule.Priority.ToString(CultureInfo.InvariantCulture);
        target.IpProtocol = rule.IpProtocol.ToCanonical();
        target.PortRange = rule.PortRange.ToString();
        target.SourcePortRange = rule.SourcePortRange?.ToString();
        target.NicType = rule.NicType.ToCanonical();
        target.Description = rule.Description;

        var peer = rule.Peer;
        switch (peer.Kind)
        {
            case RulePeerKind.Cidr when peer.Cidr is { } cidr:
                var v6 = cidr.Family == IpFamily.IPv6;
                if (ingress)
                {
                    if (v6) { target.Ipv6SourceCidrIp = cidr.ToString(); } else { target.SourceCidrIp = cidr.ToString(); }
                }
                else if (v6)
                {
                    target.Ipv6DestCidrIp = cidr.ToString();
                }
                else
                {
                    target.DestCidrIp = cidr.ToString();
                }

                break;
            case RulePeerKind.SecurityGroup:
                if (ingress) { target.SourceGroupId = peer.ReferenceId; } else { target.DestGroupId = peer.ReferenceId; }
                break;
            case RulePeerKind.PrefixList:
                if (ingress) { target.SourcePrefixListId = peer.ReferenceId; } else { target.DestPrefixListId = peer.ReferenceId; }
                break;
        }

        if (rule.LocalCidr is { } local)
        {
            var v6 = local.Family == IpFamily.IPv6;
            if (ingress)
            {
                if (v6) { target.Ipv6DestCidrIp = local.ToString(); } else { target.DestCidrIp = local.ToString(); }
            }
            else if (v6)
            {
                target.Ipv6SourceCidrIp = local.ToString();
            }
            else
            {
                target.SourceCidrIp = local.ToString();
            }
        }
    }

    /// <summary>
    /// The rule that ModifySecurityGroupRule asks for: the stored rule with the fields the request gives replacing
    /// its own. Giving any field of a side (the peer, or the instance-side block) replaces that whole side, since
    /// its fields are alternatives; an empty string clears a field.
    /// </summary>
    public static PermissionInput Merge(SecurityGroupRule current, PermissionInput change)
    {
        var stored = new PermissionInput();
        FillFields(stored, current);
        var ingress = current.Direction == Direction.Ingress;
        var peerGiven = ingress
            ? AnyGiven(change.SourceCidrIp, change.Ipv6SourceCidrIp, change.SourceGroupId, change.SourcePrefixListId)
            : AnyGiven(change.DestCidrIp, change.Ipv6DestCidrIp, change.DestGroupId, change.DestPrefixListId);
        var localGiven = ingress
            ? AnyGiven(change.DestCidrIp, change.Ipv6DestCidrIp)
            : AnyGiven(change.SourceCidrIp, change.Ipv6SourceCidrIp);
        var peer = peerGiven ? change : stored;
        var local = localGiven ? change : stored;

        // Switching to a protocol without ports needs no port range; keeping the old one would only be an error.
        var portRange = change.PortRange;
        var sourcePortRange = change.SourcePortRange ?? stored.SourcePortRange;
        if (portRange is null && IpProtocols.TryParse(change.IpProtocol, out var protocol) && !protocol.HasPorts())
        {
            portRange = PortRange.Any.ToString();
            sourcePortRange = change.SourcePortRange;
        }

        return new PermissionInput
        {
            Policy = change.Policy ?? stored.Policy,
            Priority = change.Priority ?? stored.Priority,
            IpProtocol = change.IpProtocol ?? stored.IpProtocol,
            PortRange = portRange ?? stored.PortRange,
            SourcePortRange = sourcePortRange,
            NicType = change.NicType ?? stored.NicType,
            Description = change.Description ?? stored.Description,
            SourceCidrIp = ingress ? peer.SourceCidrIp : local.SourceCidrIp,
            Ipv6SourceCidrIp = ingress ? peer.Ipv6SourceCidrIp : local.Ipv6SourceCidrIp,
            SourceGroupId = ingress ? peer.SourceGroupId : change.SourceGroupId,
            SourcePrefixListId = ingress ? peer.SourcePrefixListId : change.SourcePrefixListId,
            DestCidrIp = ingress ? local.DestCidrIp : peer.DestCidrIp,
            Ipv6DestCidrIp = ingress ? local.Ipv6DestCidrIp : peer.Ipv6DestCidrIp,
            DestGroupId = ingress ? change.DestGroupId : peer.DestGroupId,
            DestPrefixListId = ingress ? change.DestPrefixListId : peer.DestPrefixListId,
        };
    }

    /// <summary>True when the input names any rule field (used to tell a top-level rule from an empty one).</summary>
    public static bool HasAnyRuleField(PermissionInput input) =>
        AnyGiven(input.Policy, input.Priority, input.IpProtocol, input.PortRange, input.SourcePortRange,
            input.SourceCidrIp, input.Ipv6SourceCidrIp, input.SourceGroupId, input.SourcePrefixListId,
            input.DestCidrIp, input.Ipv6DestCidrIp, input.DestGroupId, input.DestPrefixListId, input.NicType,
            input.Description);

    private static bool AnyGiven(params string?[] values) => values.Any(v => v is not null);
}
