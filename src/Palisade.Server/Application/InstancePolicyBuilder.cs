using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Effective;
using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Application;

/// <summary>
/// Reads an instance's <see cref="InstancePolicy"/> from the store: its NICs with their groups in join order, the
/// attached groups with their rules, the member addresses of every group the policy needs, and the prefix lists
/// its rules use. Every list is in a stable order, so equal configurations give equal digests.
/// </summary>
internal sealed class InstancePolicyBuilder(PalisadeDbContext db)
{
    public async Task<InstancePolicy?> BuildAsync(string instanceId, long revision, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking()
            .Include(i => i.NetworkInterfaces).ThenInclude(n => n.SecurityGroups)
            .AsSplitQuery()
            .SingleOrDefaultAsync(i => i.InstanceId == instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return null;
        }

        var nics = instance.NetworkInterfaces.OrderBy(n => n.Position).ThenBy(n => n.DeviceName, StringComparer.Ordinal).ToList();
        var attachedIds = nics.SelectMany(n => n.SecurityGroups).Select(m => m.SecurityGroupId).Distinct().ToList();
        var groups = await db.SecurityGroups.AsNoTracking().Include(g => g.Rules)
            .Where(g => attachedIds.Contains(g.SecurityGroupId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var domainGroups = groups.OrderBy(g => g.SecurityGroupId, StringComparer.Ordinal).Select(ToDomain).ToImmutableArray();
        var rules = domainGroups.SelectMany(g => g.Rules).ToList();

        var referencedGroupIds = attachedIds
            .Concat(rules.Where(r => r.Peer.Kind == RulePeerKind.SecurityGroup).Select(r => r.Peer.ReferenceId!))
            .Distinct().ToList();
        var memberRows = await (from m in db.NicSecurityGroups
                                join n in db.NetworkInterfaces on m.NetworkInterfaceId equals n.NetworkInterfaceId
                                where referencedGroupIds.Contains(m.SecurityGroupId)
                                select new { m.SecurityGroupId, n.Addresses })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var members = referencedGroupIds.ToImmutableDictionary(
            id => id,
            id => memberRows.Where(r => r.SecurityGroupId == id).SelectMany(r => NicAddresses.HostBlocks(r.Addresses))
                .Distinct().Order().ToImmutableArray(),
            StringComparer.Ordinal);

        var prefixListIds = rules.Where(r => r.Peer.Kind == RulePeerKind.PrefixList).Select(r => r.Peer.ReferenceId!).Distinct().ToList();
        var prefixLists = await db.PrefixLists.AsNoTracking().Include(p => p.Entries)
            .Where(p => prefixListIds.Contains(p.PrefixListId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        return new InstancePolicy
        {
            InstanceId = instance.InstanceId,
            InstanceName = instance.InstanceName,
            Revision = revision,
            Nics = [.. nics.Select(n => new NicPolicy
            {
                NetworkInterfaceId = n.NetworkInterfaceId,
                DeviceName = n.DeviceName,
                NicType = n.NicType,
                Addresses = [.. NicAddresses.HostBlocks(n.Addresses).Distinct()],
                SecurityGroupIds = [.. n.SecurityGroups.OrderBy(m => m.JoinOrder).ThenBy(m => m.SecurityGroupId, StringComparer.Ordinal).Select(m => m.SecurityGroupId)],
            })],
            SecurityGroups = domainGroups,
            GroupMemberAddresses = members,
            PrefixLists = [.. prefixLists.OrderBy(p => p.PrefixListId, StringComparer.Ordinal).Select(p => new PrefixList
            {
                PrefixListId = p.PrefixListId,
                PrefixListName = p.Name,
                AddressFamily = p.AddressFamily,
                MaxEntries = p.MaxEntries,
                Entries = [.. p.Entries.Select(e => Cidr.Parse(e.Cidr)).Order()],
            })],
        };
    }

    private static SecurityGroup ToDomain(SecurityGroupRecord group) => new()
    {
        SecurityGroupId = group.SecurityGroupId,
        SecurityGroupName = group.Name,
        Description = group.Description,
        RegionId = group.RegionId,
        SecurityGroupType = group.Type,
        InnerAccessPolicy = group.InnerAccessPolicy,
        Rules = [.. group.Rules.Select(RuleMapping.ToDomain).Order(RuleOrder.Instance)],
    };
}
