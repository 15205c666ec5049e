using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Common;
using Palisade.Contracts.PrefixLists;
using Palisade.Core;
using Palisade.Server.Persistence;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Application;

/// <summary>
/// Prefix lists: named lists of CIDR blocks of one family that rules can name as their peer. A change to a list
/// changes the policy of every instance whose rules use it.
/// </summary>
internal sealed class PrefixListService(ConfigurationStore store, TimeProvider time)
{
    private PalisadeDbContext Db => store.Db;

    public async Task<CreatePrefixListResponse> CreateAsync(CreatePrefixListRequest request, CancellationToken cancellationToken)
    {
        var name = RequestFields.Name(RequestFields.Required(request.PrefixListName, "PrefixListName", "give the list a name"),
            "PrefixListName", ErrorCodes.ParameterMalformed);
        var description = RequestFields.Description(request.Description);
        var family = IpFamily.IPv4;
        if (!RequestFields.IsBlank(request.AddressFamily))
        {
            family = request.AddressFamily!.Trim().ToUpperInvariant() switch
            {
                "IPV4" => IpFamily.IPv4,
                "IPV6" => IpFamily.IPv6,
                _ => throw new ValidationException(ErrorCodes.ParameterMalformed, "AddressFamily", request.AddressFamily,
                    $"AddressFamily '{RequestFields.Shorten(request.AddressFamily)}' is not accepted: use IPv4 (the default) or IPv6."),
            };
        }

        var maxEntries = RequestFields.PositiveInt(RequestFields.Required(request.MaxEntries, "MaxEntries",
            $"give the most entries the list may hold, 1 to {Quotas.EntriesPerPrefixList}"), "MaxEntries", 0, Quotas.EntriesPerPrefixList);
        var entries = ValidateEntries(request.Entry, "Entry", family);
        if (entries.Count > maxEntries)
        {
            throw new ValidationException(ErrorCodes.PrefixListEntryMalformed, "Entry", entries.Count.ToString(CultureInfo.InvariantCulture),
                $"Entry lists {entries.Count} blocks but MaxEntries is {maxEntries}.");
        }

        var id = await store.ChangePolicyAsync(async _ =>
        {
            var region = await ResourceLookup.RegionAsync(Db, request.RegionId, cancellationToken).ConfigureAwait(false);
            var list = new PrefixListRecord
            {
                PrefixListId = ResourceIds.New(ResourceIds.PrefixListPrefix),
                RegionId = region.RegionId,
                Name = name,
                AddressFamily = family,
                MaxEntries = maxEntries,
                Description = description,
                CreatedUtc = time.UtcNow(),
            };
            list.Entries.AddRange(entries.Select(e => new PrefixListEntryRecord { PrefixListId = list.PrefixListId, Cidr = e.Cidr.ToString(), Description = e.Description }));
            Db.PrefixLists.Add(list);
            return list.PrefixListId;
        }, cancellationToken).ConfigureAwait(false);
        return new CreatePrefixListResponse { PrefixListId = id };
    }

    public async Task<DescribePrefixListsResponse> DescribeAsync(DescribePrefixListsRequest request, CancellationToken cancellationToken)
    {
        var ids = RequestFields.IdList(request.PrefixListId, "PrefixListId");
        var query = Db.PrefixLists.AsNoTracking().Include(p => p.Entries).AsQueryable();
        if (!RequestFields.IsBlank(request.RegionId))
        {
            var regionId = request.RegionId!.Trim();
            query = query.Where(p => p.RegionId == regionId);
        }

        if (ids.Count > 0)
        {
            query = query.Where(p => ids.Contains(p.PrefixListId));
        }

        var lists = await query.OrderBy(p => p.CreatedUtc).ThenBy(p => p.PrefixListId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DescribePrefixListsResponse
        {
            PrefixLists = [.. lists.Select(p => new PrefixListInfo
            {
                PrefixListId = p.PrefixListId,
                PrefixListName = p.Name,
                AddressFamily = p.AddressFamily.ToString(),
                MaxEntries = p.MaxEntries,
                Description = p.Description,
                CreationTime = ApiTime.Format(p.CreatedUtc),
                Entries = [.. p.Entries.Select(e => (Cidr: Cidr.Parse(e.Cidr), e.Description)).OrderBy(e => e.Cidr)
                    .Select(e => new PrefixListEntryInfo { Cidr = e.Cidr.ToString(), Description = e.Description })],
            })],
        };
    }

    public async Task<ApiResponse> ModifyAsync(ModifyPrefixListRequest request, CancellationToken cancellationToken)
    {
        var name = request.PrefixListName is null ? null : RequestFields.Name(request.PrefixListName, "PrefixListName", ErrorCodes.ParameterMalformed);
        var description = request.Description is null ? null : RequestFields.Description(request.Description);
        await store.ChangePolicyAsync(async _ =>
        {
            var list = await FindAsync(request.RegionId, request.PrefixListId, cancellationToken).ConfigureAwait(false);
            var removed = ValidateEntries(request.RemoveEntry, "RemoveEntry", list.AddressFamily);
            var added = ValidateEntries(request.AddEntry, "AddEntry", list.AddressFamily);
            var entries = list.Entries.ToDictionary(e => e.Cidr, StringComparer.Ordinal);
            foreach (var entry in removed)
            {
                if (entries.Remove(entry.Cidr.ToString(), out var record))
                {
                    list.Entries.Remove(record);
                }
            }

            foreach (var entry in added)
            {
                if (entries.TryGetValue(entry.Cidr.ToString(), out var existing))
                {
                    existing.Description = entry.Description;
                    continue;
                }

                var record = new PrefixListEntryRecord { PrefixListId = list.PrefixListId, Cidr = entry.Cidr.ToString(), Description = entry.Description };
                entries.Add(record.Cidr, record);
                list.Entries.Add(record);
            }

            if (list.Entries.Count > list.MaxEntries)
            {
                throw new ValidationException(ErrorCodes.PrefixListEntryMalformed, "AddEntry", added.Count.ToString(CultureInfo.InvariantCulture),
                    $"Prefix list {list.PrefixListId} would hold {list.Entries.Count} entries, more than its MaxEntries of {list.MaxEntries}.");
            }

            list.Name = name ?? list.Name;
            list.Description = description ?? list.Description;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    public async Task<ApiResponse> DeleteAsync(DeletePrefixListRequest request, CancellationToken cancellationToken)
    {
        await store.ChangePolicyAsync(async _ =>
        {
            var list = await FindAsync(request.RegionId, request.PrefixListId, cancellationToken).ConfigureAwait(false);
            var users = await Db.SecurityGroupRules.Where(r => r.PeerKind == RulePeerKind.PrefixList && r.PeerValue == list.PrefixListId)
                .Select(r => r.SecurityGroupId).Distinct().OrderBy(g => g).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (users.Count > 0)
            {
                throw new ValidationException(ErrorCodes.DependencyViolation, "PrefixListId", list.PrefixListId,
                    $"Prefix list {list.PrefixListId} is used by rules of security group(s) {string.Join(", ", users)}: revoke those rules first.");
            }

            Db.PrefixLists.Remove(list);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }

    private async Task<PrefixListRecord> FindAsync(string? regionId, string? prefixListId, CancellationToken cancellationToken)
    {
        var id = RequestFields.RequiredId(prefixListId, "PrefixListId", ResourceIds.PrefixListPrefix, ErrorCodes.PrefixListNotFound);
        var list = await Db.PrefixLists.Include(p => p.Entries).SingleOrDefaultAsync(p => p.PrefixListId == id, cancellationToken).ConfigureAwait(false);
        if (list is null || !ResourceLookup.InRegion(list.RegionId, regionId))
        {
            throw new ValidationException(ErrorCodes.PrefixListNotFound, "PrefixListId", id, $"Prefix list {id} does not exist.");
        }

        return list;
    }

    private static List<(Cidr Cidr, string Description)> ValidateEntries(List<PrefixListEntryInput>? inputs, string field, IpFamily family)
    {
        if (inputs is null)
        {
            return [];
        }

        if (inputs.Count > Quotas.EntriesPerPrefixList)
        {
            throw new ValidationException(ErrorCodes.PrefixListEntryMalformed, field, inputs.Count.ToString(CultureInfo.InvariantCulture),
                $"{field} lists {inputs.Count} blocks: give at most {Quotas.EntriesPerPrefixList}.");
        }

        var errors = new List<ValidationError>();
        var entries = new Dictionary<Cidr, string>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}].Cidr");
            var input = inputs[i];
            if (input is null || !Cidr.TryParse(input.Cidr, out var cidr))
            {
                errors.Add(new(ErrorCodes.PrefixListEntryMalformed, name, input?.Cidr,
                    $"{name} '{RequestFields.Shorten(input?.Cidr)}' is not accepted: use a CIDR block such as 192.0.2.0/24 or 2001:db8::/32."));
                continue;
            }

            if (cidr.Family != family)
            {
                errors.Add(new(ErrorCodes.PrefixListEntryMalformed, name, input.Cidr,
                    $"{name} '{RequestFields.Shorten(input.Cidr)}' is {cidr.Family} but the list holds {family} blocks."));
                continue;
            }

            try
            {
                entries[cidr] = RequestFields.Description(input.Description, $"{field}[{i}].Description");
            }
            catch (ValidationException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        RequestFields.Throw(errors);
        return [.. entries.Select(e => (e.Key, e.Value))];
    }
}
