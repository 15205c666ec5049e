using Microsoft.EntityFrameworkCore;
using Palisade.Contracts.Common;
using Palisade.Core;
using Palisade.Server.Persistence;

namespace Palisade.Server.Application;

/// <summary>Regions: independent scopes of groups, instances and quotas. "local" exists from the first start.</summary>
internal sealed class RegionService(ConfigurationStore store, TimeProvider time)
{
    private const int MaxRegionIdLength = 64;

    public async Task<DescribeRegionsResponse> DescribeAsync(CancellationToken cancellationToken)
    {
        var regions = await store.Db.Regions.AsNoTracking().OrderBy(r => r.RegionId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DescribeRegionsResponse { Regions = [.. regions.Select(r => new RegionInfo { RegionId = r.RegionId, LocalName = r.LocalName })] };
    }

    public async Task<ApiResponse> CreateAsync(CreateRegionRequest request, CancellationToken cancellationToken)
    {
        var regionId = RequestFields.Required(request.RegionId, "RegionId", "use lowercase letters, digits and '-', such as eu-west-1");
        if (regionId.Length > MaxRegionIdLength || !regionId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || !char.IsAsciiLetterLower(regionId[0]))
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "RegionId", RequestFields.Shorten(regionId),
                $"RegionId '{RequestFields.Shorten(regionId)}' is not accepted: use up to {MaxRegionIdLength} lowercase letters, digits and '-', starting with a letter.");
        }

        var localName = RequestFields.Name(request.LocalName, "LocalName", ErrorCodes.ParameterMalformed, regionId);
        await store.ChangeAsync(async () =>
        {
            // Creating a region that exists is a no-op with the existing name kept, like authorizing an existing rule.
            if (!await store.Db.Regions.AnyAsync(r => r.RegionId == regionId, cancellationToken).ConfigureAwait(false))
            {
                store.Db.Regions.Add(new RegionRecord { RegionId = regionId, LocalName = localName, CreatedUtc = time.UtcNow() });
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new ApiResponse();
    }
}
