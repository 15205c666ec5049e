using Microsoft.EntityFrameworkCore;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Application;

/// <summary>The per-NIC rule quota: the rules of every group on a NIC count together (product.md §1).</summary>
internal static class NicRuleQuota
{
    /// <summary>Fails when adding <paramref name="addedRules"/> rules to every NIC in <paramref name="nicIds"/> passes the quota.</summary>
    public static async Task EnsureRoomAsync(
        PalisadeDbContext db, IReadOnlyCollection<string> nicIds, int addedRules, string field, string? value, CancellationToken cancellationToken)
    {
        if (nicIds.Count == 0 || addedRules == 0)
        {
            return;
        }

        var counts = await (from m in db.NicSecurityGroups
                            join r in db.SecurityGroupRules on m.SecurityGroupId equals r.SecurityGroupId
                            where nicIds.Contains(m.NetworkInterfaceId)
                            group r by m.NetworkInterfaceId into g
                            select new { NicId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var fullest = counts.OrderByDescending(c => c.Count).FirstOrDefault();
        if (fullest is not null && fullest.Count + addedRules > Quotas.RulesPerNic)
        {
            throw new ValidationException(ErrorCodes.AuthorizationLimitExceed, field, value,
                $"Network interface {fullest.NicId} has {fullest.Count} rules from all its security groups; {addedRules} more would pass the limit of {Quotas.RulesPerNic} rules per network interface.");
        }
    }

    public static Task<List<string>> NicsOfGroupAsync(PalisadeDbContext db, string securityGroupId, CancellationToken cancellationToken) =>
        db.NicSecurityGroups.Where(m => m.SecurityGroupId == securityGroupId).Select(m => m.NetworkInterfaceId)
            .ToListAsync(cancellationToken);
}
