using Microsoft.EntityFrameworkCore;
using Palisade.Core;
using Palisade.Server.Persistence;

namespace Palisade.Server.Application;

/// <summary>Finds the resources a request names, or fails with the …NotFound code that names what is missing.</summary>
internal static class ResourceLookup
{
    /// <summary>A group by id; when the request names a region, the group must be in it.</summary>
    public static async Task<SecurityGroupRecord> GroupAsync(
        PalisadeDbContext db, string? regionId, string? securityGroupId, CancellationToken cancellationToken, bool withRules = false)
    {
        var id = RequestFields.RequiredId(securityGroupId, "SecurityGroupId", ResourceIds.SecurityGroupPrefix, ErrorCodes.SecurityGroupNotFound);
        IQueryable<SecurityGroupRecord> query = withRules ? db.SecurityGroups.Include(g => g.Rules) : db.SecurityGroups;
        var group = await query.SingleOrDefaultAsync(g => g.SecurityGroupId == id, cancellationToken).ConfigureAwait(false);
        if (group is null || !InRegion(group.RegionId, regionId))
        {
            throw new ValidationException(ErrorCodes.SecurityGroupNotFound, "SecurityGroupId", id,
                $"Security group {id} does not exist{InRegionText(regionId)}.");
        }

        return group;
    }

    public static async Task<RegionRecord> RegionAsync(PalisadeDbContext db, string? regionId, CancellationToken cancellationToken)
    {
        var id = RequestFields.RegionOrDefault(regionId);
        return await db.Regions.SingleOrDefaultAsync(r => r.RegionId == id, cancellationToken).ConfigureAwait(false)
            ?? throw new ValidationException(ErrorCodes.RegionNotFound, "RegionId", id,
                $"Region '{RequestFields.Shorten(id)}' does not exist: DescribeRegions lists the regions.");
    }

    public static async Task<InstanceRecord> InstanceAsync(
        PalisadeDbContext db, string? regionId, string? instanceId, CancellationToken cancellationToken)
    {
        var id = RequestFields.RequiredId(instanceId, "InstanceId", ResourceIds.InstancePrefix, ErrorCodes.InstanceNotFound);
        var instance = await db.Instances.Include(i => i.NetworkInterfaces).ThenInclude(n => n.SecurityGroups)
            .SingleOrDefaultAsync(i => i.InstanceId == id, cancellationToken).ConfigureAwait(false);
        if (instance is null || !InRegion(instance.RegionId, regionId))
        {
            throw new ValidationException(ErrorCodes.InstanceNotFound, "InstanceId", id, $"Instance {id} does not exist{InRegionText(regionId)}.");
        }

        return instance;
    }

    public static async Task<NetworkInterfaceRecord> NetworkInterfaceAsync(
        PalisadeDbContext db, string? networkInterfaceId, CancellationToken cancellationToken)
    {
        var id = RequestFields.RequiredId(networkInterfaceId, "NetworkInterfaceId", ResourceIds.NetworkInterfacePrefix, ErrorCodes.NetworkInterfaceNotFound);
        return await db.NetworkInterfaces.Include(n => n.SecurityGroups)
            .SingleOrDefaultAsync(n => n.NetworkInterfaceId == id, cancellationToken).ConfigureAwait(false)
            ?? throw new ValidationException(ErrorCodes.NetworkInterfaceNotFound, "NetworkInterfaceId", id, $"Network interface {id} does not exist.");
    }

    public static bool InRegion(string actualRegionId, string? requestedRegionId) =>
        RequestFields.IsBlank(requestedRegionId) || string.Equals(actualRegionId, requestedRegionId!.Trim(), StringComparison.Ordinal);

    private static string InRegionText(string? regionId) =>
        RequestFields.IsBlank(regionId) ? "" : $" in region {RequestFields.Shorten(regionId)}";
}
