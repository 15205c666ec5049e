using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Application;

/// <summary>
/// Security groups themselves: create, list, describe with rules in evaluation order, rename, intra-group policy,
/// delete, and who refers to whom. Rules live in <see cref="SecurityGroupRuleService"/>, membership in
/// <see cref="SecurityGroupMembershipService"/>. Called by the API and the console alike.
/// </summary>
internal sealed class SecurityGroupService(ConfigurationStore store, TimeProvider time)
{
    public const int DefaultPageSize = 10;
    public const int MaxPageSize = 100;

    private PalisadeDbContext Db => store.Db;

    public async Task<CreateSecurityGroupResponse> CreateAsync(CreateSecurityGroupRequest request, CancellationToken cancellationToken)
    {
        var name = RequestFields.Name(request.SecurityGroupName, "SecurityGroupName", ErrorCodes.SecurityGroupNameMalformed);
        var description = RequestFields.Description(request.Description);
        var type = SecurityGroupType.Normal;
        if (!RequestFields.IsBlank(request.SecurityGroupType) && !ModelNames.TryParseGroupType(request.SecurityGroupType, out type))
        {
            throw new ValidationException(ErrorCodes.SecurityGroupTypeMalformed, "SecurityGroupType", request.SecurityGroupType,
                $"SecurityGroupType '{RequestFields.Shorten(request.SecurityGroupType)}' is not accepted: use normal (basic, the default) or enterprise.");
        }

        var clientToken = RequestFields.IsBlank(request.ClientToken) ? null : request.ClientToken!.Trim();
        if (clientToken is { Length: > RequestFields.MaxNameLength })
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "ClientToken", RequestFields.Shorten(clientToken),
                $"ClientToken is not accepted: use at most {RequestFields.MaxNameLength} ASCII characters.");
        }

        var groupId = await store.ChangePolicyAsync(async _ =>
        {
            var region = await ResourceLookup.RegionAsync(Db, request.RegionId, cancellationToken).ConfigureAwait(false);
            if (clientToken is not null)
            {
                var existing = await Db.SecurityGroups.Where(g => g.RegionId == region.RegionId && g.ClientToken == clientToken)
                    .Select(g => g.SecurityGroupId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    return existing;
                }
            }

            var count = await Db.SecurityGroups.CountAsync(g => g.RegionId == region.RegionId, cancellationToken).ConfigureAwait(false);
            if (count >= Quotas.SecurityGroupsPerRegion)
            {
                throw new ValidationException(ErrorCodes.SecurityGroupQuotaExceeded, "RegionId", region.RegionId,
                    $"Region {region.RegionId} has {count} security groups, the most allowed ({Quotas.SecurityGroupsPerRegion}): delete one first.");
            }

            var group = new SecurityGroupRecord
            {
                SecurityGroupId = ResourceIds.New(ResourceIds.SecurityGroupPrefix),
                RegionId = region.RegionId,
                Name = name,
                Description = description,
                Type = type,
                // Enterprise groups never allow intra-group access; basic ones do until told otherwise.
                InnerAccessPolicy = type == SecurityGroupType.Normal ? InnerAccessPolicy.Accept : InnerAccessPolicy.Drop,
                CreatedUtc = time.UtcNow(),
                ClientToken = clientToken,
            };
            Db.SecurityGroups.Add(group);
            return group.SecurityGroupId;
        }, cancellationToken).ConfigureAwait(false);

        return new CreateSecurityGroupResponse { SecurityGroupId = groupId };
    }

    public async Task<DescribeSecurityGroupsResponse> DescribeAsync(DescribeSecurityGroupsRequest request, CancellationToken cancellationToken)
    {
        var pageNumber = RequestFields.PositiveInt(request.PageNumber, "PageNumber", 1, int.MaxValue);
        var pageSize = RequestFields.PositiveInt(request.PageSize, "PageSize", DefaultPageSize, MaxPageSize);
        var ids = RequestFields.IdList(request.SecurityGroupIds, "SecurityGroupIds");

        var query = Db.SecurityGroups.AsNoTracking();
        if (!RequestFields.IsBlank(request.RegionId))
        {
            var regionId = request.RegionId!.Trim();
            query = query.Where(g => g.RegionId == regionId);
        }

        if (ids.Count > 0)
        {
            query = query.Where(g => ids.Contains(g.SecurityGroupId));
        }

        if (!RequestFields.IsBlank(request.SecurityGroupName))
        {
            var name = request.SecurityGroupName!.Trim();
            query = query.Where(g => g.Name == name);
        }

        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var page = await query.OrderBy(g => g.CreatedUtc).ThenBy(g => g.SecurityGroupId)
            .Skip((int)Math.Min((long)(pageNumber - 1) * pageSize, int.MaxValue)).Take(pageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var pageIds = page.Select(g => g.SecurityGroupId).ToList();
        var ruleCounts = await Db.SecurityGroupRules.Where(r => pageIds.Contains(r.SecurityGroupId))
            .GroupBy(r => r.SecurityGroupId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken).ConfigureAwait(false);
        var members = await MemberInstancesAsync(pageIds, cancellationToken).ConfigureAwait(false);

        return new DescribeSecurityGroupsResponse
        {
            TotalCount = total,
            PageNumber = pageNumber,
            PageSize = pageSize,
            SecurityGroups = [.. page.Select(g => new SecurityGroupSummary
            {
                SecurityGroupId = g.SecurityGroupId,
                SecurityGroupName = g.Name,
                Description = g.Description,
                SecurityGroupType = g.Type.ToCanonical(),
                InnerAccessPolicy = g.InnerAccessPolicy.ToCanonical(),
                RegionId = g.RegionId,
                CreationTime = ApiTime.Format(g.CreatedUtc),
                RuleCount = ruleCounts.GetValueOrDefault(g.SecurityGroupId),
                InstanceCount = members.TryGetValue(g.SecurityGroupId, out var instances) ? instances.Count : 0,
            })],
        };
    }

    public async Task<DescribeSecurityGroupAttributeResponse> DescribeAttributeAsync(
        DescribeSecurityGroupAttributeRequest request, CancellationToken cancellationToken)
    {
        Direction? direction = null;
        if (!RequestFields.IsBlank(request.Direction) && !string.Equals(request.Direction!.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            if (!ModelNames.TryParseDirection(request.Direction, out var parsed))
            {
                throw new ValidationException(ErrorCodes.ParameterMalformed, "Direction", request.Direction,
                    $"Direction '{RequestFields.Shorten(request.Direction)}' is not accepted: use ingress, egress or all (the default).");
            }

            direction = parsed;
        }

        NicType? nicType = null;
        if (!RequestFields.IsBlank(request.NicType))
        {
            if (!ModelNames.TryParseNicType(request.NicType, out var parsed))
            {
                throw new ValidationException(ErrorCodes.NicTypeValueNotSupported, "NicType", request.NicType,
                    $"NicType '{RequestFields.Shorten(request.NicType)}' is not supported: use intranet or internet.");
            }

            nicType = parsed;
        }

        var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken, withRules: true).ConfigureAwait(false);
        var rules = group.Rules.Select(RuleMapping.ToDomain)
            .Where(r => (direction is null || r.Direction == direction) && (nicType is null || r.NicType == nicType))
            .Order(RuleOrder.Instance)
            .ToList();
        var ruleIds = rules.Select(r => r.SecurityGroupRuleId).ToList();
        var hits = await Db.RuleHitCounters.Where(c => ruleIds.Contains(c.Name))
            .GroupBy(c => c.Name).Select(g => new { g.Key, Packets = g.Sum(c => c.Packets) })
            .ToDictionaryAsync(g => g.Key, g => g.Packets, cancellationToken).ConfigureAwait(false);
        var members = await MemberInstancesAsync([group.SecurityGroupId], cancellationToken).ConfigureAwait(false);

        return new DescribeSecurityGroupAttributeResponse
        {
            SecurityGroupId = group.SecurityGroupId,
            SecurityGroupName = group.Name,
            Description = group.Description,
            RegionId = group.RegionId,
            SecurityGroupType = group.Type.ToCanonical(),
            InnerAccessPolicy = group.InnerAccessPolicy.ToCanonical(),
            CreationTime = ApiTime.Format(group.CreatedUtc),
            Permissions = [.. rules.Select(r => RuleMapping.ToPermission(r, hits.GetValueOrDefault(r.SecurityGroupRuleId)))],
            InstanceIds = members.TryGetValue(group.SecurityGroupId, out var instances) ? [.. instances] : [],
        };
    }

    public async Task<ApiResponse> ModifyAttributeAsync(ModifySecurityGroupAttributeRequest request, CancellationToken cancellationToken)
    {
        var name = request.SecurityGroupName is null ? null
            : RequestFields.Name(request.SecurityGroupName, "SecurityGroupName", ErrorCodes.SecurityGroupNameMalformed);
        var description = request.Description is null ? null : RequestFields.Description(request.Description);
        await store.ChangePolicyAsync(async _ =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken).ConfigureAwait(false);
            group.Name = name ?? group.Name;
            group.Description = description ?? group.Description;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public async Task<ApiResponse> ModifyPolicyAsync(ModifySecurityGroupPolicyRequest request, CancellationToken cancellationToken)
    {
        var policyText = RequestFields.Required(request.InnerAccessPolicy, "InnerAccessPolicy", "use Accept or Drop");
        if (!ModelNames.TryParseInnerAccessPolicy(policyText, out var policy))
        {
            throw new ValidationException(ErrorCodes.InnerAccessPolicyMalformed, "InnerAccessPolicy", request.InnerAccessPolicy,
                $"InnerAccessPolicy '{RequestFields.Shorten(request.InnerAccessPolicy)}' is not accepted: use Accept or Drop.");
        }

        await store.ChangePolicyAsync(async _ =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken).ConfigureAwait(false);
            if (group.Type == SecurityGroupType.Enterprise && policy == InnerAccessPolicy.Accept)
            {
                throw new ValidationException(ErrorCodes.OperationDenied, "InnerAccessPolicy", request.InnerAccessPolicy,
                    $"Security group {group.SecurityGroupId} is an enterprise group, whose members never reach each other by default: InnerAccessPolicy Accept is refused. Add rules naming the group as source instead.");
            }

            group.InnerAccessPolicy = policy;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public async Task<ApiResponse> DeleteAsync(DeleteSecurityGroupRequest request, CancellationToken cancellationToken)
    {
        await store.ChangePolicyAsync(async _ =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken, withRules: true).ConfigureAwait(false);
            var id = group.SecurityGroupId;
            var members = await MemberInstancesAsync([id], cancellationToken).ConfigureAwait(false);
            if (members.TryGetValue(id, out var instances) && instances.Count > 0)
            {
                throw new ValidationException(ErrorCodes.DependencyViolation, "SecurityGroupId", id,
                    $"Security group {id} is still used by instance(s) {string.Join(", ", instances.Take(10))}{(instances.Count > 10 ? " …" : "")}: remove them with LeaveSecurityGroup first.");
            }

            var referencing = await Db.SecurityGroupRules
                .Where(r => r.PeerKind == RulePeerKind.SecurityGroup && r.PeerValue == id && r.SecurityGroupId != id)
                .Select(r => r.SecurityGroupId).Distinct().OrderBy(g => g).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (referencing.Count > 0)
            {
                throw new ValidationException(ErrorCodes.DependencyViolation, "SecurityGroupId", id,
                    $"Security group {id} is named by rules of security group(s) {string.Join(", ", referencing)}: revoke those rules first (DescribeSecurityGroupReferences lists them).");
            }

            Db.SecurityGroups.Remove(group);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public async Task<DescribeSecurityGroupReferencesResponse> DescribeReferencesAsync(
        DescribeSecurityGroupReferencesRequest request, CancellationToken cancellationToken)
    {
        var ids = RequestFields.IdList(request.SecurityGroupId, "SecurityGroupId");
        if (ids.Count == 0)
        {
            throw new ValidationException(ErrorCodes.MissingParameter, "SecurityGroupId", null, "SecurityGroupId is required: give the ids of the groups to look up.");
        }

        var references = new List<SecurityGroupReference>();
        foreach (var id in ids)
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, id, cancellationToken).ConfigureAwait(false);
            var rules = await Db.SecurityGroupRules.AsNoTracking()
                .Where(r => r.PeerKind == RulePeerKind.SecurityGroup && r.PeerValue == group.SecurityGroupId && r.SecurityGroupId != group.SecurityGroupId)
                .Select(r => new { r.SecurityGroupId, r.SecurityGroupRuleId })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            references.Add(new SecurityGroupReference
            {
                SecurityGroupId = group.SecurityGroupId,
                ReferencingSecurityGroups = [.. rules.GroupBy(r => r.SecurityGroupId).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new ReferencingSecurityGroup
                    {
                        SecurityGroupId = g.Key,
                        SecurityGroupRuleIds = [.. g.Select(r => r.SecurityGroupRuleId).Order(StringComparer.Ordinal)],
                    })],
            });
        }

        return new DescribeSecurityGroupReferencesResponse { SecurityGroupReferences = references };
    }

    /// <summary>For each group, the ids of the instances with a NIC in it, sorted.</summary>
    private async Task<Dictionary<string, List<string>>> MemberInstancesAsync(List<string> groupIds, CancellationToken cancellationToken)
    {
        var rows = await (from m in Db.NicSecurityGroups
                          join n in Db.NetworkInterfaces on m.NetworkInterfaceId equals n.NetworkInterfaceId
                          where groupIds.Contains(m.SecurityGroupId)
                          select new { m.SecurityGroupId, n.InstanceId })
            .Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.GroupBy(r => r.SecurityGroupId)
            .ToDictionary(g => g.Key, g => g.Select(r => r.InstanceId).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    }
}
