using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Application;

/// <summary>
/// Adding, removing and changing rules. Every request is all-or-nothing: each permission is validated (all errors
/// reported at once), references and quotas are checked, and only then is anything stored. Authorizing a rule that
/// exists already returns its id; revoking one that does not exist succeeds.
/// </summary>
internal sealed class SecurityGroupRuleService(ConfigurationStore store, TimeProvider time)
{
    private PalisadeDbContext Db => store.Db;

    public async Task<AuthorizeSecurityGroupResponse> AuthorizeAsync(
        AuthorizeSecurityGroupRequest request, Direction direction, CancellationToken cancellationToken)
    {
        var rules = ValidatePermissions(request, request.Permissions, direction, required: true);
        var ruleIds = await store.ChangePolicyAsync(async _ =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken, withRules: true).ConfigureAwait(false);
            await CheckReferencesAsync(group, rules, cancellationToken).ConfigureAwait(false);

            var existing = group.Rules.Select(RuleMapping.ToDomain).ToList();
            var added = new List<SecurityGroupRule>();
            var ids = new List<string>();
            var now = time.UtcNow();
            foreach (var (rule, _) in rules)
            {
                var same = existing.Concat(added).FirstOrDefault(r => r.IsSameRuleAs(rule));
                if (same is not null)
                {
                    ids.Add(same.SecurityGroupRuleId);
                    continue;
                }

                // One tick apart, so rules added together keep their request order among equals (RuleOrder).
                var created = now.AddTicks(added.Count);
                var stored = rule with
                {
                    SecurityGroupRuleId = ResourceIds.New(ResourceIds.RulePrefix),
                    SecurityGroupId = group.SecurityGroupId,
                    CreationTime = new DateTimeOffset(created, TimeSpan.Zero),
                };
                added.Add(stored);
                ids.Add(stored.SecurityGroupRuleId);
            }

            if (existing.Count + added.Count > Quotas.RulesPerSecurityGroup)
            {
                throw new ValidationException(ErrorCodes.AuthorizationLimitExceed, "SecurityGroupId", group.SecurityGroupId,
                    $"Security group {group.SecurityGroupId} has {existing.Count} rules; {added.Count} more would pass the limit of {Quotas.RulesPerSecurityGroup} rules per group.");
            }

            var nics = await NicRuleQuota.NicsOfGroupAsync(Db, group.SecurityGroupId, cancellationToken).ConfigureAwait(false);
            await NicRuleQuota.EnsureRoomAsync(Db, nics, added.Count, "SecurityGroupId", group.SecurityGroupId, cancellationToken).ConfigureAwait(false);

            foreach (var rule in added)
            {
                Db.SecurityGroupRules.Add(RuleMapping.ToRecord(rule, rule.SecurityGroupRuleId, group.SecurityGroupId, rule.CreationTime.UtcDateTime));
            }

            return ids;
        }, cancellationToken).ConfigureAwait(false);
        return new AuthorizeSecurityGroupResponse { SecurityGroupRuleIds = ruleIds };
    }

    public async Task<ApiResponse> RevokeAsync(RevokeSecurityGroupRequest request, Direction direction, CancellationToken cancellationToken)
    {
        var ids = RequestFields.IdList(request.SecurityGroupRuleId, "SecurityGroupRuleId");
        var hasContent = RuleMapping.HasAnyRuleField(request) || request.Permissions is { Count: > 0 };
        if (ids.Count == 0 && !hasContent)
        {
            throw new ValidationException(ErrorCodes.MissingParameter, "SecurityGroupRuleId", null,
                "Name the rules to revoke: give SecurityGroupRuleId, or the rule's fields (at the top level or in Permissions).");
        }

        var rules = hasContent ? ValidatePermissions(request, request.Permissions, direction, required: false) : [];
        await store.ChangePolicyAsync(async _ =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken, withRules: true).ConfigureAwait(false);
            var doomed = new HashSet<SecurityGroupRuleRecord>();
            foreach (var id in ids)
            {
                var record = group.Rules.FirstOrDefault(r => r.SecurityGroupRuleId == id);
                if (record is not null && record.Direction != direction)
                {
                    var action = record.Direction == Direction.Ingress ? "RevokeSecurityGroup" : "RevokeSecurityGroupEgress";
                    throw new ValidationException(ErrorCodes.ParameterConflict, "SecurityGroupRuleId", id,
                        $"Rule {id} is an {record.Direction.ToCanonical()} rule: revoke it with {action}.");
                }

                if (record is not null)
                {
                    doomed.Add(record);
                }
            }

            foreach (var (rule, _) in rules)
            {
                doomed.UnionWith(group.Rules.Where(r => RuleMapping.ToDomain(r).IsSameRuleAs(rule)));
            }

            Db.SecurityGroupRules.RemoveRange(doomed);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public async Task<ApiResponse> ModifyAsync(ModifySecurityGroupRuleRequest request, CancellationToken cancellationToken)
    {
        var ruleId = RequestFields.RequiredId(request.SecurityGroupRuleId, "SecurityGroupRuleId", ResourceIds.RulePrefix, ErrorCodes.RuleNotFound);
        await store.ChangePolicyAsync(async _ =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken, withRules: true).ConfigureAwait(false);
            var record = group.Rules.FirstOrDefault(r => r.SecurityGroupRuleId == ruleId)
                ?? throw new ValidationException(ErrorCodes.RuleNotFound, "SecurityGroupRuleId", ruleId,
                    $"Rule {ruleId} does not exist in security group {group.SecurityGroupId}.");
            var current = RuleMapping.ToDomain(record);
            var merged = RuleMapping.Merge(current, request);
            var result = RuleValidator.Validate(RuleMapping.ToDraft(merged, current.Direction));
            RequestFields.Throw(result.Errors);
            await CheckReferencesAsync(group, [(result.Rule!, "")], cancellationToken).ConfigureAwait(false);
            RuleMapping.CopyContent(result.Rule!, record);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    /// <summary>
    /// The rules a request names: its Permissions list, or the rule written at the top level. Every problem of
    /// every permission is reported, fields prefixed with "Permissions[i]." so the caller finds them.
    /// </summary>
    private static List<(SecurityGroupRule Rule, string Field)> ValidatePermissions(
        PermissionInput topLevel, List<PermissionInput>? permissions, Direction direction, bool required)
    {
        var inputs = new List<(PermissionInput Input, string Prefix)>();
        if (permissions is { Count: > 0 })
        {
            if (RuleMapping.HasAnyRuleField(topLevel))
            {
                throw new ValidationException(ErrorCodes.ParameterConflict, "Permissions", null,
                    "Give the rule's fields either at the top level (one rule) or in Permissions (several), not both.");
            }

            if (permissions.Count > Quotas.PermissionsPerRequest)
            {
                throw new ValidationException(ErrorCodes.ParameterMalformed, "Permissions", permissions.Count.ToString(CultureInfo.InvariantCulture),
                    $"Permissions lists {permissions.Count} rules: give at most {Quotas.PermissionsPerRequest} per request.");
            }

            for (var i = 0; i < permissions.Count; i++)
            {
                var prefix = string.Create(CultureInfo.InvariantCulture, $"Permissions[{i}].");
                inputs.Add((permissions[i] ?? throw new ValidationException(ErrorCodes.ParameterMalformed, prefix.TrimEnd('.'), null,
                    $"{prefix.TrimEnd('.')} is null: give a rule object."), prefix));
            }
        }
        else if (required || RuleMapping.HasAnyRuleField(topLevel))
        {
            inputs.Add((topLevel, ""));
        }

        var errors = new List<ValidationError>();
        var rules = new List<(SecurityGroupRule, string)>();
        foreach (var (input, prefix) in inputs)
        {
            var result = RuleValidator.Validate(RuleMapping.ToDraft(input, direction));
            if (result.IsValid)
            {
                rules.Add((result.Rule!, prefix));
            }

            errors.AddRange(result.Errors.Select(e => prefix.Length == 0 ? e
                : e with { Field = prefix + e.Field, Message = $"{prefix.TrimEnd('.')}: {e.Message}" }));
        }

        RequestFields.Throw(errors);
        return rules;
    }

    /// <summary>Referenced groups and prefix lists must exist in the group's region; a group may name itself.</summary>
    private async Task CheckReferencesAsync(
        SecurityGroupRecord group, IReadOnlyList<(SecurityGroupRule Rule, string Field)> rules, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        foreach (var (rule, prefix) in rules)
        {
            var id = rule.Peer.ReferenceId;
            var ingress = rule.Direction == Direction.Ingress;
            if (rule.Peer.Kind == RulePeerKind.SecurityGroup && id != group.SecurityGroupId)
            {
                var exists = await Db.SecurityGroups.AnyAsync(g => g.SecurityGroupId == id && g.RegionId == group.RegionId, cancellationToken).ConfigureAwait(false);
                if (!exists)
                {
                    var field = prefix + (ingress ? "SourceGroupId" : "DestGroupId");
                    errors.Add(new(ingress ? ErrorCodes.SourceGroupNotFound : ErrorCodes.DestGroupNotFound, field, id,
                        $"{field}: security group {id} does not exist in region {group.RegionId}."));
                }
            }
            else if (rule.Peer.Kind == RulePeerKind.PrefixList)
            {
                var field = prefix + (ingress ? "SourcePrefixListId" : "DestPrefixListId");
                var list = await Db.PrefixLists.AsNoTracking().SingleOrDefaultAsync(p => p.PrefixListId == id && p.RegionId == group.RegionId, cancellationToken).ConfigureAwait(false);
                if (list is null)
                {
                    errors.Add(new(ErrorCodes.PrefixListNotFound, field, id, $"{field}: prefix list {id} does not exist in region {group.RegionId}."));
                }
                else if (rule.LocalCidr is { } local && local.Family != list.AddressFamily)
                {
                    errors.Add(new(ErrorCodes.ParameterConflict, field, id,
                        $"{field}: prefix list {id} holds {list.AddressFamily} blocks but the rule's instance-side block {local} is {local.Family}: both ends of a rule must be of one family."));
                }
                else if ((rule.IpProtocol == IpProtocol.Icmp && list.AddressFamily == IpFamily.IPv6)
                    || (rule.IpProtocol == IpProtocol.Icmpv6 && list.AddressFamily == IpFamily.IPv4))
                {
                    errors.Add(new(ErrorCodes.IpProtocolValueNotSupported, prefix + "IpProtocol", rule.IpProtocol.ToCanonical(),
                        $"{prefix}IpProtocol {rule.IpProtocol.ToCanonical()} does not fit prefix list {id}, which holds {list.AddressFamily} blocks."));
                }
            }
        }

        RequestFields.Throw(errors);
    }
}
