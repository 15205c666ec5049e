using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Application;

/// <summary>
/// Joining and leaving groups, for every NIC of an instance or for one NIC. Joining twice and leaving a group one
/// is not in are no-ops; the quotas and the basic/enterprise rule are checked for every NIC before anything changes.
/// </summary>
internal sealed class SecurityGroupMembershipService(ConfigurationStore store)
{
    private PalisadeDbContext Db => store.Db;

    public async Task<ApiResponse> JoinAsync(JoinSecurityGroupRequest request, CancellationToken cancellationToken)
    {
        await store.ChangePolicyAsync(async revision =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken, withRules: true).ConfigureAwait(false);
            var (nics, regionId) = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
            if (regionId != group.RegionId)
            {
                throw new ValidationException(ErrorCodes.OperationDenied, "SecurityGroupId", group.SecurityGroupId,
                    $"Security group {group.SecurityGroupId} is in region {group.RegionId} but the instance is in region {regionId}: use a group of the instance's region.");
            }

            var joining = nics.Where(n => n.SecurityGroups.All(m => m.SecurityGroupId != group.SecurityGroupId)).ToList();
            var memberGroupIds = joining.SelectMany(n => n.SecurityGroups.Select(m => m.SecurityGroupId)).Distinct().ToList();
            var memberTypes = await Db.SecurityGroups.Where(g => memberGroupIds.Contains(g.SecurityGroupId))
                .ToDictionaryAsync(g => g.SecurityGroupId, g => g.Type, cancellationToken).ConfigureAwait(false);
            foreach (var nic in joining)
            {
                if (nic.SecurityGroups.Count >= Quotas.SecurityGroupsPerNic)
                {
                    throw new ValidationException(ErrorCodes.NicSecurityGroupQuotaExceeded, "SecurityGroupId", group.SecurityGroupId,
                        $"Network interface {nic.NetworkInterfaceId} ({nic.DeviceName}) is in {nic.SecurityGroups.Count} security groups, the most allowed ({Quotas.SecurityGroupsPerNic}).");
                }

                var other = nic.SecurityGroups.FirstOrDefault(m => memberTypes.GetValueOrDefault(m.SecurityGroupId) != group.Type);
                if (other is not null)
                {
                    throw new ValidationException(ErrorCodes.SecurityGroupTypeMismatch, "SecurityGroupId", group.SecurityGroupId,
                        $"Network interface {nic.NetworkInterfaceId} ({nic.DeviceName}) is in {memberTypes[other.SecurityGroupId].ToCanonical()} group {other.SecurityGroupId}; {group.Type.ToCanonical()} group {group.SecurityGroupId} cannot join it: a network interface has groups of one type only.");
                }
            }

            await NicRuleQuota.EnsureRoomAsync(Db, [.. joining.Select(n => n.NetworkInterfaceId)], group.Rules.Count,
                "SecurityGroupId", group.SecurityGroupId, cancellationToken).ConfigureAwait(false);
            foreach (var nic in joining)
            {
                Db.NicSecurityGroups.Add(new NicSecurityGroupRecord
                {
                    NetworkInterfaceId = nic.NetworkInterfaceId,
                    SecurityGroupId = group.SecurityGroupId,
                    JoinOrder = revision,
                });
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public async Task<ApiResponse> LeaveAsync(JoinSecurityGroupRequest request, CancellationToken cancellationToken)
    {
        await store.ChangePolicyAsync(async _ =>
        {
            var group = await ResourceLookup.GroupAsync(Db, request.RegionId, request.SecurityGroupId, cancellationToken).ConfigureAwait(false);
            var (nics, _) = await TargetsAsync(request, cancellationToken).ConfigureAwait(false);
            var leaving = nics.SelectMany(n => n.SecurityGroups.Where(m => m.SecurityGroupId == group.SecurityGroupId).Select(m => (Nic: n, Membership: m))).ToList();
            var last = leaving.FirstOrDefault(l => l.Nic.SecurityGroups.Count == 1);
            if (last.Nic is not null)
            {
                throw new ValidationException(ErrorCodes.InstanceLastSecurityGroup, "SecurityGroupId", group.SecurityGroupId,
                    $"Security group {group.SecurityGroupId} is the last group of network interface {last.Nic.NetworkInterfaceId} ({last.Nic.DeviceName}) of instance {last.Nic.InstanceId}: join another group first, since a network interface is never left without one.");
            }

            Db.NicSecurityGroups.RemoveRange(leaving.Select(l => l.Membership));
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    /// <summary>The NICs a join or leave applies to (with their memberships), and their instance's region.</summary>
    private async Task<(List<NetworkInterfaceRecord> Nics, string RegionId)> TargetsAsync(JoinSecurityGroupRequest request, CancellationToken cancellationToken)
    {
        var byInstance = !RequestFields.IsBlank(request.InstanceId);
        var byNic = !RequestFields.IsBlank(request.NetworkInterfaceId);
        if (byInstance == byNic)
        {
            throw new ValidationException(byInstance ? ErrorCodes.ParameterConflict : ErrorCodes.MissingParameter, "InstanceId", request.InstanceId,
                "Give exactly one of InstanceId (every network interface of the instance) or NetworkInterfaceId (one interface).");
        }

        if (byInstance)
        {
            var instance = await ResourceLookup.InstanceAsync(Db, request.RegionId, request.InstanceId, cancellationToken).ConfigureAwait(false);
            return (instance.NetworkInterfaces, instance.RegionId);
        }

        var nic = await ResourceLookup.NetworkInterfaceAsync(Db, request.NetworkInterfaceId, cancellationToken).ConfigureAwait(false);
        var regionId = await Db.Instances.Where(i => i.InstanceId == nic.InstanceId).Select(i => i.RegionId).SingleAsync(cancellationToken).ConfigureAwait(false);
        return ([nic], regionId);
    }
}
