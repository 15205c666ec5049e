using Microsoft.AspNetCore.Mvc;
using Palisade.Contracts.Instances;
using Palisade.Contracts.PrefixLists;
using Palisade.Contracts.SecurityGroups;
using Palisade.Server.Application;
using Palisade.SecurityGroups.Model;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Console.SecurityGroups;

/// <summary>
/// One security group: its rules in evaluation order with hit counts (Inbound and Outbound tabs), the "Add Security
/// Group Rule" dialog, rule deletion, the inner access policy, and the instances in the group. Every change goes
/// through the services behind AuthorizeSecurityGroup(Egress), RevokeSecurityGroup(Egress) and
/// ModifySecurityGroupPolicy, so it is validated exactly as the API validates it.
/// </summary>
internal sealed class DetailsModel(
    SecurityGroupService groups,
    SecurityGroupRuleService rules,
    InstanceService instances,
    PrefixListService prefixLists) : ConsolePageModel
{
    public const string InboundTab = "ingress";
    public const string OutboundTab = "egress";
    public const string InstancesTab = "instances";

    public override string Section => "Security Groups";

    [BindProperty(SupportsGet = true)]
    public string SecurityGroupId { get; set; } = "";

    /// <summary>ingress (Inbound, the default), egress (Outbound) or instances.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Tab { get; set; }

    [BindProperty]
    public RuleDialogInput Rule { get; set; } = new();

    /// <summary>Null when the group does not exist (the page then shows the error).</summary>
    public DescribeSecurityGroupAttributeResponse? Group { get; private set; }

    /// <summary>The rules of the selected direction, in evaluation order as the service returns them.</summary>
    public IReadOnlyList<Permission> Rules { get; private set; } = [];

    public int InboundCount { get; private set; }

    public int OutboundCount { get; private set; }

    public IReadOnlyList<InstanceInfo> Members { get; private set; } = [];

    /// <summary>Other groups and the prefix lists of the region, offered as authorization objects.</summary>
    public IReadOnlyList<SecurityGroupSummary> RegionGroups { get; private set; } = [];

    public IReadOnlyList<PrefixListInfo> RegionPrefixLists { get; private set; } = [];

    public bool ReopenRuleDialog { get; private set; }

    public bool IsOutbound => Tab == OutboundTab;

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostAddRuleAsync()
    {
        Tab = Rule.IsEgress ? OutboundTab : InboundTab;
        var direction = Rule.IsEgress ? Direction.Egress : Direction.Ingress;
        IReadOnlyList<string> ids = [];
        var added = await TryAsync(async ct =>
            ids = (await rules.AuthorizeAsync(Rule.ToRequest(RegionId, SecurityGroupId), direction, ct).ConfigureAwait(false)).SecurityGroupRuleIds).ConfigureAwait(false);
        if (added)
        {
            return RedirectWithNotice($"Rule {string.Join(", ", ids)} is in effect ({(Rule.IsEgress ? "outbound" : "inbound")}).",
                "/SecurityGroups/Details", new { securityGroupId = SecurityGroupId, tab = Tab });
        }

        ReopenRuleDialog = true;
        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteRuleAsync(string securityGroupRuleId, string direction)
    {
        var egress = string.Equals(direction, OutboundTab, StringComparison.OrdinalIgnoreCase);
        Tab = egress ? OutboundTab : InboundTab;
        var request = new RevokeSecurityGroupRequest { RegionId = RegionId, SecurityGroupId = SecurityGroupId, SecurityGroupRuleId = [securityGroupRuleId] };
        if (await TryAsync(ct => rules.RevokeAsync(request, egress ? Direction.Egress : Direction.Ingress, ct)).ConfigureAwait(false))
        {
            return RedirectWithNotice($"Rule {securityGroupRuleId} was deleted.", "/SecurityGroups/Details", new { securityGroupId = SecurityGroupId, tab = Tab });
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostModifyPolicyAsync(string innerAccessPolicy)
    {
        var request = new ModifySecurityGroupPolicyRequest { RegionId = RegionId, SecurityGroupId = SecurityGroupId, InnerAccessPolicy = innerAccessPolicy };
        if (await TryAsync(ct => groups.ModifyPolicyAsync(request, ct)).ConfigureAwait(false))
        {
            return RedirectWithNotice($"Inner access policy is now {innerAccessPolicy}.", "/SecurityGroups/Details", new { securityGroupId = SecurityGroupId, tab = Tab });
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        Tab = Tab is OutboundTab or InstancesTab ? Tab : InboundTab;
        var ct = HttpContext.RequestAborted;
        var found = await TryAsync(async token =>
            Group = await groups.DescribeAttributeAsync(new DescribeSecurityGroupAttributeRequest { RegionId = RegionFilter, SecurityGroupId = SecurityGroupId }, token)
                .ConfigureAwait(false)).ConfigureAwait(false);
        if (!found || Group is null)
        {
            return;
        }

        RegionId = Group.RegionId;

        var inbound = Group.Permissions.Where(p => p.Direction == Direction.Ingress.ToCanonical()).ToList();
        var outbound = Group.Permissions.Where(p => p.Direction == Direction.Egress.ToCanonical()).ToList();
        (InboundCount, OutboundCount) = (inbound.Count, outbound.Count);
        Rules = IsOutbound ? outbound : inbound;
        Members = (await instances.DescribeAsync(new DescribeInstancesRequest { RegionId = RegionId, SecurityGroupId = SecurityGroupId }, ct).ConfigureAwait(false)).Instances;
        RegionGroups = (await groups.DescribeAsync(new DescribeSecurityGroupsRequest
        {
            RegionId = RegionId,
            PageSize = Quotas.SecurityGroupsPerRegion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, ct).ConfigureAwait(false)).SecurityGroups;
        RegionPrefixLists = (await prefixLists.DescribeAsync(new DescribePrefixListsRequest { RegionId = RegionId }, ct).ConfigureAwait(false)).PrefixLists;
        if (!ReopenRuleDialog)
        {
            Rule = new RuleDialogInput { Direction = IsOutbound ? OutboundTab : InboundTab };
        }
    }
}
