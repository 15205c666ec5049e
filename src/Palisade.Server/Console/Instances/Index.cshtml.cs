using Palisade.Contracts.Instances;
using Palisade.Contracts.SecurityGroups;
using Palisade.Server.Application;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Console.Instances;

/// <summary>
/// Instances: the servers whose agents registered in the selected region, with status, addresses, groups and how far
/// their agent has applied the current configuration.
/// </summary>
internal sealed class IndexModel(InstanceService instances, SecurityGroupService groups) : ConsolePageModel
{
    public override string Section => "Instances";

    public IReadOnlyList<InstanceInfo> Instances { get; private set; } = [];

    /// <summary>Group names by id, so the list can show names next to ids.</summary>
    public IReadOnlyDictionary<string, string> GroupNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Instances = (await instances.DescribeAsync(new DescribeInstancesRequest { RegionId = RegionId }, ct).ConfigureAwait(false)).Instances;
        var regionGroups = await groups.DescribeAsync(new DescribeSecurityGroupsRequest
        {
            RegionId = RegionId,
            PageSize = Quotas.SecurityGroupsPerRegion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, ct).ConfigureAwait(false);
        GroupNames = regionGroups.SecurityGroups.ToDictionary(g => g.SecurityGroupId, g => g.SecurityGroupName, StringComparer.Ordinal);
    }
}
