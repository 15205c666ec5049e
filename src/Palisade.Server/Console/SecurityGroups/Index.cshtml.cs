using Microsoft.AspNetCore.Mvc;
using Palisade.Contracts.SecurityGroups;
using Palisade.Server.Application;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Console.SecurityGroups;

/// <summary>
/// Network &amp; Security → Security Groups: the groups of the selected region, the "Create Security Group" dialog
/// and delete. Calls <see cref="SecurityGroupService"/>, the service behind the API's actions of the same names.
/// </summary>
internal sealed class IndexModel(SecurityGroupService groups) : ConsolePageModel
{
    public override string Section => "Security Groups";

    public IReadOnlyList<SecurityGroupSummary> Groups { get; private set; } = [];

    [BindProperty]
    public CreateGroupInput Create { get; set; } = new();

    /// <summary>True when a refused create should reopen its dialog with the input kept.</summary>
    public bool ReopenCreateDialog { get; private set; }

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        string? groupId = null;
        var created = await TryAsync(async ct =>
        {
            var response = await groups.CreateAsync(new CreateSecurityGroupRequest
            {
                RegionId = RegionId,
                SecurityGroupName = Create.SecurityGroupName,
                Description = Create.Description,
                SecurityGroupType = Create.SecurityGroupType,
                ClientToken = Create.ClientToken,
            }, ct).ConfigureAwait(false);
            groupId = response.SecurityGroupId;

            // A basic group starts with Accept; only a different choice needs the second call.
            if (!string.Equals(Create.SecurityGroupType, "enterprise", StringComparison.OrdinalIgnoreCase)
                && string.Equals(Create.InnerAccessPolicy, "Drop", StringComparison.OrdinalIgnoreCase))
            {
                await groups.ModifyPolicyAsync(new ModifySecurityGroupPolicyRequest
                {
                    RegionId = RegionId,
                    SecurityGroupId = groupId,
                    InnerAccessPolicy = "Drop",
                }, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        if (created)
        {
            return RedirectWithNotice($"Security group {groupId} ({Create.SecurityGroupName?.Trim()}) was created.", "/SecurityGroups/Index");
        }

        ReopenCreateDialog = true;
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string securityGroupId)
    {
        if (await TryAsync(ct => groups.DeleteAsync(new DeleteSecurityGroupRequest { RegionId = RegionId, SecurityGroupId = securityGroupId }, ct)).ConfigureAwait(false))
        {
            return RedirectWithNotice($"Security group {securityGroupId} was deleted.", "/SecurityGroups/Index");
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        // One page holds every group of a region: the region quota is the page size limit.
        var page = await groups.DescribeAsync(new DescribeSecurityGroupsRequest
        {
            RegionId = RegionId,
            PageSize = Quotas.SecurityGroupsPerRegion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, HttpContext.RequestAborted).ConfigureAwait(false);
        Groups = page.SecurityGroups;
        if (string.IsNullOrEmpty(Create.ClientToken))
        {
            Create.ClientToken = Guid.NewGuid().ToString("N");
        }
    }
}
