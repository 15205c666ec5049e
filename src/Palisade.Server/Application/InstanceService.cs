using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Application;

/// <summary>Instances as their agents registered them: listing with status and sync state, NIC type, removal.</summary>
internal sealed class InstanceService(ConfigurationStore store, InstancePolicyBuilder policies, TimeProvider time)
{
    private PalisadeDbContext Db => store.Db;

    public async Task<DescribeInstancesResponse> DescribeAsync(DescribeInstancesRequest request, CancellationToken cancellationToken)
    {
        var ids = RequestFields.IdList(request.InstanceIds, "InstanceIds");
        var query = Db.Instances.AsNoTracking().Include(i => i.NetworkInterfaces).ThenInclude(n => n.SecurityGroups).AsSplitQuery();
        if (!RequestFields.IsBlank(request.RegionId))
        {
            var regionId = request.RegionId!.Trim();
            query = query.Where(i => i.RegionId == regionId);
        }

        if (ids.Count > 0)
        {
            query = query.Where(i => ids.Contains(i.InstanceId));
        }

        if (!RequestFields.IsBlank(request.InstanceName))
        {
            var name = request.InstanceName!.Trim();
            query = query.Where(i => i.InstanceName == name);
        }

        if (!RequestFields.IsBlank(request.SecurityGroupId))
        {
            var groupId = request.SecurityGroupId!.Trim();
            query = query.Where(i => i.NetworkInterfaces.Any(n => n.SecurityGroups.Any(m => m.SecurityGroupId == groupId)));
        }

        var instances = await query.OrderBy(i => i.InstanceName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var revision = await store.CurrentRevisionAsync(cancellationToken).ConfigureAwait(false);
        var now = time.UtcNow();
        var result = new List<InstanceInfo>();
        foreach (var instance in instances)
        {
            var policy = await policies.BuildAsync(instance.InstanceId, revision, cancellationToken).ConfigureAwait(false);
            var inSync = policy is not null && instance.AppliedDigest == PolicyDigest.Compute(policy);
            result.Add(ToInfo(instance, inSync ? instance.AppliedRevision : revision, now));
        }

        return new DescribeInstancesResponse { TotalCount = result.Count, Instances = result };
    }

    public async Task<ApiResponse> ModifyNetworkInterfaceAsync(ModifyNetworkInterfaceAttributeRequest request, CancellationToken cancellationToken)
    {
        var text = RequestFields.Required(request.NicType, "NicType", "use intranet or internet");
        if (!ModelNames.TryParseNicType(text, out var nicType))
        {
            throw new ValidationException(ErrorCodes.NicTypeValueNotSupported, "NicType", request.NicType,
                $"NicType '{RequestFields.Shorten(request.NicType)}' is not supported: use intranet or internet.");
        }

        await store.ChangePolicyAsync(async _ =>
        {
            var nic = await ResourceLookup.NetworkInterfaceAsync(Db, request.NetworkInterfaceId, cancellationToken).ConfigureAwait(false);
            if (!RequestFields.IsBlank(request.RegionId))
            {
                await ResourceLookup.InstanceAsync(Db, request.RegionId, nic.InstanceId, cancellationToken).ConfigureAwait(false);
            }

            nic.NicType = nicType;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public async Task<ApiResponse> DeleteAsync(DeleteInstanceRequest request, CancellationToken cancellationToken)
    {
        await store.ChangePolicyAsync(async _ =>
        {
            var instance = await ResourceLookup.InstanceAsync(Db, request.RegionId, request.InstanceId, cancellationToken).ConfigureAwait(false);
            Db.Instances.Remove(instance);

            // The agent token that registered the instance may register it (or another) again.
            foreach (var token in await Db.ApiTokens.Where(t => t.InstanceId == instance.InstanceId).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                token.InstanceId = null;
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    private static InstanceInfo ToInfo(InstanceRecord instance, long desiredRevision, DateTime now)
    {
        var nics = instance.NetworkInterfaces.OrderBy(n => n.Position).ToList();
        return new InstanceInfo
        {
            InstanceId = instance.InstanceId,
            InstanceName = instance.InstanceName,
            HostName = instance.HostName,
            RegionId = instance.RegionId,
            Status = InstanceStatusPolicy.StatusAt(instance.LastSeenUtc, now),
            AgentVersion = instance.AgentVersion,
            CreationTime = ApiTime.Format(instance.CreatedUtc),
            LastSeenTime = ApiTime.Format(instance.LastSeenUtc),
            DesiredRevision = desiredRevision,
            AppliedRevision = instance.AppliedRevision,
            AppliedTime = ApiTime.Format(instance.AppliedUtc),
            ApplyError = instance.ApplyError,
            SecurityGroupIds = [.. nics.SelectMany(n => n.SecurityGroups.OrderBy(m => m.JoinOrder)).Select(m => m.SecurityGroupId).Distinct()],
            NetworkInterfaces = [.. nics.Select(n =>
            {
                var addresses = NicAddresses.Addresses(n.Addresses).ToList();
                var v4 = addresses.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).Select(a => a.ToString()).ToList();
                return new NetworkInterfaceInfo
                {
                    NetworkInterfaceId = n.NetworkInterfaceId,
                    DeviceName = n.DeviceName,
                    MacAddress = n.MacAddress,
                    NicType = n.NicType.ToCanonical(),
                    Type = n.IsPrimary ? "Primary" : "Secondary",
                    PrimaryIpAddress = v4.FirstOrDefault() ?? addresses.FirstOrDefault()?.ToString(),
                    PrivateIpAddresses = v4,
                    Ipv6Addresses = [.. addresses.Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6).Select(a => a.ToString())],
                    SecurityGroupIds = [.. n.SecurityGroups.OrderBy(m => m.JoinOrder).Select(m => m.SecurityGroupId)],
                };
            })],
        };
    }
}
