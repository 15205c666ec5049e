using Microsoft.AspNetCore.Mvc;
using Palisade.Contracts.Analysis;
using Palisade.Contracts.Instances;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;
using Palisade.Server.Application;
using Palisade.SecurityGroups.Validation;

namespace Palisade.Server.Console.Instances;

/// <summary>
/// One instance: its NICs and groups (join and leave), and its effective access and risk, answered by
/// <see cref="InstanceAnalysisService"/> on the pooled rules the agent enforces: high-risk ports open to the
/// internet, rule anomalies, "who can reach protocol/port" and "would this packet get through".
/// </summary>
internal sealed class DetailsModel(
    InstanceService instances,
    SecurityGroupService groups,
    SecurityGroupMembershipService membership,
    InstanceAnalysisService analysis) : ConsolePageModel
{
    public override string Section => "Instances";

    [BindProperty(SupportsGet = true)]
    public string InstanceId { get; set; } = "";

    /// <summary>The NIC the access questions are about; the primary one when not given.</summary>
    [BindProperty(SupportsGet = true)]
    public string? NetworkInterfaceId { get; set; }

    /// <summary>"Who can reach": protocol and port, tcp/22 by default.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReachProtocol { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReachPort { get; set; }

    /// <summary>"Would this packet get through": asked only once a source address is given.</summary>
    [BindProperty(SupportsGet = true)]
    public string? CheckSourceIp { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CheckProtocol { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CheckPort { get; set; }

    public InstanceInfo? Instance { get; private set; }

    public DescribeInstanceRisksResponse? Risks { get; private set; }

    public DescribeEffectiveAccessResponse? Reach { get; private set; }

    public CheckInstanceAccessResponse? Check { get; private set; }

    public IReadOnlyList<SecurityGroupSummary> RegionGroups { get; private set; } = [];

    public string GroupName(string groupId) =>
        RegionGroups.FirstOrDefault(g => g.SecurityGroupId == groupId)?.SecurityGroupName ?? "";

    public async Task OnGetAsync() => await LoadAsync().ConfigureAwait(false);

    public async Task<IActionResult> OnPostJoinAsync(string securityGroupId)
    {
        var request = new JoinSecurityGroupRequest { RegionId = RegionId, SecurityGroupId = securityGroupId, InstanceId = InstanceId };
        if (await TryAsync(ct => membership.JoinAsync(request, ct)).ConfigureAwait(false))
        {
            return RedirectWithNotice($"Instance {InstanceId} joined security group {securityGroupId}.", "/Instances/Details", new { instanceId = InstanceId });
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    public async Task<IActionResult> OnPostLeaveAsync(string securityGroupId)
    {
        var request = new JoinSecurityGroupRequest { RegionId = RegionId, SecurityGroupId = securityGroupId, InstanceId = InstanceId };
        if (await TryAsync(ct => membership.LeaveAsync(request, ct)).ConfigureAwait(false))
        {
            return RedirectWithNotice($"Instance {InstanceId} left security group {securityGroupId}.", "/Instances/Details", new { instanceId = InstanceId });
        }

        await LoadAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var found = await TryAsync(async token =>
        {
            var described = await instances.DescribeAsync(new DescribeInstancesRequest { RegionId = RegionFilter, InstanceIds = [InstanceId] }, token).ConfigureAwait(false);
            Instance = described.Instances.FirstOrDefault()
                ?? throw new ValidationException(ErrorCodes.InstanceNotFound, "InstanceId", InstanceId,
                    $"Instance {InstanceId} does not exist{(RegionChosen ? $" in region {RegionId}" : "")}.");
        }).ConfigureAwait(false);
        if (!found || Instance is null)
        {
            return;
        }

        RegionId = Instance.RegionId;

        RegionGroups = (await groups.DescribeAsync(new DescribeSecurityGroupsRequest
        {
            RegionId = RegionId,
            PageSize = Quotas.SecurityGroupsPerRegion.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, ct).ConfigureAwait(false)).SecurityGroups;

        // The analysis answers stand alone: one refused question (a bad port) leaves the others on the page.
        await TryAsync(async token => Risks = await analysis.DescribeRisksAsync(new DescribeInstanceRisksRequest { InstanceId = InstanceId }, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        ReachProtocol ??= "tcp";
        ReachPort ??= "22";
        await TryAsync(async token => Reach = await analysis.DescribeEffectiveAccessAsync(new DescribeEffectiveAccessRequest
        {
            InstanceId = InstanceId,
            NetworkInterfaceId = NetworkInterfaceId,
            IpProtocol = ReachProtocol,
            Port = ReachPort,
        }, token).ConfigureAwait(false)).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(CheckSourceIp))
        {
            await TryAsync(async token => Check = await analysis.CheckAccessAsync(new CheckInstanceAccessRequest
            {
                InstanceId = InstanceId,
                NetworkInterfaceId = NetworkInterfaceId,
                IpProtocol = CheckProtocol,
                Port = CheckPort,
                SourceIp = CheckSourceIp,
            }, token).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }
}
