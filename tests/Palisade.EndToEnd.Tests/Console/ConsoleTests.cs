using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Palisade.Contracts.Agent;
using Palisade.Contracts.SecurityGroups;
using Palisade.Server.Application;
using Palisade.SecurityGroups.Model;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Palisade.EndToEnd.Tests.Console;

/// <summary>
/// The web console in a real browser (Debian's chromium through Playwright) against a real server: login, the
/// tutorial's two rules through the "Add Security Group Rule" dialog, validation errors, deletion refused while a
/// group is in use, and the risk view of an instance. Each test saves screenshots of the pages it visits.
/// </summary>
public sealed class ConsoleTests(ConsoleFixture fixture, ITestOutputHelper output) : IClassFixture<ConsoleFixture>
{
    [BrowserFact]
    public async Task Console_Tutorial_RulesAddedThroughDialogAreListedInPriorityOrder()
    {
        var page = await fixture.NewLoggedInPageAsync();
        var name = Unique("web");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create Security Group" }).ClickAsync();
        var create = page.Locator("dialog#create-group");
        await create.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await create.GetByLabel("Description").FillAsync("web servers");
        await create.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator(".alert.notice")).ToContainTextAsync("was created");
        var row = page.Locator("#security-groups tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Basic");
        await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath("security-groups"), FullPage = true });

        await row.GetByRole(AriaRole.Link, new() { Name = "Manage Rules" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(name);

        // The deny goes in first: the listing must order by priority, not by when rules were added.
        await AddRuleAsync(page, "Deny", "TCP", "22/22", "0.0.0.0/0", "2", "everyone else", screenshot: "add-rule-dialog");
        await AddRuleAsync(page, "Allow", "TCP", "22/22", "203.0.113.7/32", "1", "admin workstation");

        var rows = page.Locator("#rules tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        Assert.Equal(["Allow", "1", "TCP", "22/22", "203.0.113.7/32", "admin workstation", "0"], await CellsAsync(rows.Nth(0)));
        Assert.Equal(["Deny", "2", "TCP", "22/22", "0.0.0.0/0", "everyone else", "0"], await CellsAsync(rows.Nth(1)));
        await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath("security-group-rules"), FullPage = true });

        // What the page shows is what the API stores.
        var groupId = (await page.Locator(".page-head .mono").TextContentAsync())!.Trim();
        var stored = await DescribeAsync(groupId);
        Assert.Equal(
            [("accept", "1", "tcp", "22/22", "203.0.113.7/32"), ("drop", "2", "tcp", "22/22", "0.0.0.0/0")],
            stored.Permissions.Select(p => (p.Policy, p.Priority, p.IpProtocol, p.PortRange, p.SourceCidrIp)).ToArray());
        Assert.All(stored.Permissions, p => Assert.Equal("ingress", p.Direction));
    }

    [BrowserFact]
    public async Task AddRule_PortRangeOutOfBounds_ShowsCodeAndFieldAndStoresNothing()
    {
        var groupId = await CreateGroupAsync(Unique("bad-input"));
        var page = await fixture.NewLoggedInPageAsync();
        await page.GotoAsync($"/console/securitygroups/details/{groupId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add Security Group Rule", Exact = true }).ClickAsync();
        var dialog = page.Locator("dialog#add-rule");
        await dialog.GetByLabel("Port Range").FillAsync("70000/70001");
        await dialog.GetByLabel("Authorization Object").FillAsync("0.0.0.0/0");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();

        // The dialog comes back open, with the API's code, the field and the accepted form, and the input kept.
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator(".alert.error")).ToContainTextAsync("The rule was not added");
        var fieldError = dialog.Locator(".form-row.invalid .field-error");
        await Expect(fieldError).ToHaveCountAsync(1);
        await Expect(fieldError).ToContainTextAsync("InvalidPortRange.Malformed");
        await Expect(fieldError).ToContainTextAsync("PortRange '70000/70001' is not accepted");
        await Expect(fieldError).ToContainTextAsync("use start/end with ports 1-65535");
        await Expect(dialog.Locator(".form-row.invalid label")).ToHaveTextAsync("Port Range");
        await Expect(dialog.GetByLabel("Port Range")).ToHaveValueAsync("70000/70001");
        await Expect(dialog.GetByLabel("Authorization Object")).ToHaveValueAsync("0.0.0.0/0");
        await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath("add-rule-error") });

        Assert.Empty((await DescribeAsync(groupId)).Permissions);
    }

    [BrowserFact]
    public async Task Login_WrongPassword_ShowsErrorAndDoesNotLogIn()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/console/login");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Expect(page.Locator(".alert.error")).ToHaveTextAsync("The user name or password is not correct.");
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath("login-failed") });
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "palisade.session");

        await page.GotoAsync("/console/securitygroups");
        Assert.Contains("/console/login", page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task ConsolePage_NotLoggedIn_RedirectsToLoginAndBackAfterwards()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/console/instances");

        Assert.StartsWith(new Uri(fixture.BaseAddress, "/console/login?ReturnUrl=").ToString(), page.Url, StringComparison.OrdinalIgnoreCase);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log in" })).ToBeVisibleAsync();
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ConsoleFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/console/instances");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Instances");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync("**/console/login");
        await page.GotoAsync("/console/instances");
        Assert.Contains("/console/login", page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task InstancePage_GroupOpensSshToEveryone_ShowsExposureAfterJoiningThroughConsole()
    {
        var instanceName = Unique("web");
        var instanceId = await RegisterInstanceAsync(instanceName);
        var groupName = Unique("ssh-open");
        var groupId = await CreateGroupAsync(groupName);
        await AuthorizeAsync(groupId, new PermissionInput { Policy = "accept", Priority = "1", IpProtocol = "tcp", PortRange = "22/22", SourceCidrIp = "0.0.0.0/0" });
        var page = await fixture.NewLoggedInPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Instances" }).ClickAsync();
        var row = page.Locator("#instances tbody tr", new() { HasText = instanceName });
        await Expect(row).ToContainTextAsync("198.18.0.10");
        await Expect(row).ToContainTextAsync("Running");
        await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath("instances"), FullPage = true });

        await row.GetByRole(AriaRole.Link, new() { Name = instanceId }).ClickAsync();
        // In no group yet, the instance is unprotected: every high-risk port counts as open.
        await Expect(page.Locator("#exposure tr.risk").First).ToContainTextAsync("unprotected");
        await page.GetByLabel("Security group to join").SelectOptionAsync(groupId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join Security Group" }).ClickAsync();

        await Expect(page.Locator(".alert.notice")).ToContainTextAsync($"joined security group {groupId}");
        await Expect(page.Locator("#instance-groups")).ToContainTextAsync(groupName);
        var risk = page.Locator("#exposure tr.risk");
        await Expect(risk).ToHaveCountAsync(1);
        await Expect(risk).ToContainTextAsync("tcp/22");
        await Expect(risk).ToContainTextAsync("0.0.0.0/0");
        await Expect(risk.Locator(".badge")).ToHaveTextAsync("high");
        await Expect(page.Locator("#reach-summary")).ToContainTextAsync("tcp/22");
        await Expect(page.Locator("#reach-ranges")).ToContainTextAsync("0.0.0.0/0");

        await page.GetByLabel("Source address").FillAsync("198.51.100.9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check", Exact = true }).ClickAsync();
        await Expect(page.Locator("#check-result")).ToContainTextAsync("Accepted");
        await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath("instance-risk"), FullPage = true });
        output.WriteLine($"Screenshots: {fixture.ScreenshotDirectory}");
    }

    [BrowserFact]
    public async Task DeleteGroup_StillUsedByInstance_ShowsErrorCodeAndKeepsGroup()
    {
        var groupName = Unique("in-use");
        var groupId = await CreateGroupAsync(groupName);
        var instanceId = await RegisterInstanceAsync(Unique("db"));
        await fixture.WithServicesAsync(s => s.GetRequiredService<SecurityGroupMembershipService>()
            .JoinAsync(new JoinSecurityGroupRequest { SecurityGroupId = groupId, InstanceId = instanceId }, CancellationToken.None));
        var page = await fixture.NewLoggedInPageAsync();

        var row = page.Locator("#security-groups tbody tr", new() { HasText = groupName });
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(page.Locator(".alert.error")).ToContainTextAsync("DependencyViolation");
        await Expect(page.Locator(".alert.error")).ToContainTextAsync(instanceId);
        await Expect(page.Locator("#security-groups tbody tr", new() { HasText = groupName })).ToHaveCountAsync(1);
        Assert.Equal(groupId, (await DescribeAsync(groupId)).SecurityGroupId);
    }

    [BrowserFact]
    public async Task GroupPage_CountersReportedByTwoInstances_ShowsSummedHitCountAndTheInstances()
    {
        var groupId = await CreateGroupAsync(Unique("counted"));
        var ruleId = (await AuthorizeAsync(groupId, new PermissionInput { Policy = "accept", Priority = "1", IpProtocol = "tcp", PortRange = "80/80", SourceCidrIp = "0.0.0.0/0" }))
            .SecurityGroupRuleIds.Single();
        var first = await RegisterInstanceAsync(Unique("web"));
        var second = await RegisterInstanceAsync(Unique("web"));
        foreach (var (instanceId, packets) in new[] { (first, 5L), (second, 1_234_567L) })
        {
            await fixture.WithServicesAsync(s => s.GetRequiredService<SecurityGroupMembershipService>()
                .JoinAsync(new JoinSecurityGroupRequest { SecurityGroupId = groupId, InstanceId = instanceId }, CancellationToken.None));
            await fixture.WithServicesAsync(s => s.GetRequiredService<AgentService>().ReportAsync(new AgentReportRequest
            {
                InstanceId = instanceId,
                AppliedRevision = 1,
                Counters = [new RuleCounter { Name = ruleId, DeviceName = "eth0", Packets = packets, Bytes = packets * 60 }],
            }, agent: null, CancellationToken.None));
        }

        var page = await fixture.NewLoggedInPageAsync();
        await page.GotoAsync($"/console/securitygroups/details/{groupId}");

        Assert.Equal(["Allow", "1", "TCP", "80/80", "0.0.0.0/0", "", "1,234,572"], await CellsAsync(page.Locator($"#rules tr[data-rule-id='{ruleId}']")));
        await page.GetByRole(AriaRole.Link, new() { Name = "Instances (2)" }).ClickAsync();
        var members = page.Locator("#group-instances tbody tr");
        await Expect(members).ToHaveCountAsync(2);
        await Expect(members.Filter(new() { HasText = first })).ToContainTextAsync("eth0");
        await Expect(members.Filter(new() { HasText = second })).ToContainTextAsync("198.18.0.10");
        await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath("security-group-instances"), FullPage = true });
    }

    /// <summary>Opens the dialog of the Inbound section, fills every field by its label and submits it.</summary>
    private async Task AddRuleAsync(IPage page, string action, string protocol, string ports, string source, string priority, string description, string? screenshot = null)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Security Group Rule", Exact = true }).ClickAsync();
        var dialog = page.Locator("dialog#add-rule");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = action });
        await dialog.GetByLabel("Protocol Type").SelectOptionAsync(new SelectOptionValue { Label = protocol });
        await dialog.GetByLabel("Port Range").FillAsync(ports);
        await dialog.GetByLabel("Authorization Type").SelectOptionAsync(new SelectOptionValue { Label = "IPv4 CIDR block" });
        await dialog.GetByLabel("Authorization Object").FillAsync(source);
        await dialog.GetByLabel("Priority").FillAsync(priority);
        await dialog.GetByLabel("Description").FillAsync(description);
        if (screenshot is not null)
        {
            await page.ScreenshotAsync(new() { Path = fixture.ScreenshotPath(screenshot) });
        }

        await dialog.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();
        await Expect(page.Locator(".alert.notice")).ToContainTextAsync("is in effect");
    }

    /// <summary>Action, Priority, Protocol Type, Port Range, Authorization Object (first line), Description, Hit count.</summary>
    private static async Task<string[]> CellsAsync(ILocator row)
    {
        var cells = await row.Locator("td").AllInnerTextsAsync();
        return [.. cells.Take(7).Select(c => c.Split('\n')[0].Trim())];
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    private Task<string> CreateGroupAsync(string name) =>
        fixture.WithServicesAsync(async s => (await s.GetRequiredService<SecurityGroupService>()
            .CreateAsync(new CreateSecurityGroupRequest { SecurityGroupName = name }, CancellationToken.None)).SecurityGroupId);

    private Task<AuthorizeSecurityGroupResponse> AuthorizeAsync(string groupId, PermissionInput rule) =>
        fixture.WithServicesAsync(s => s.GetRequiredService<SecurityGroupRuleService>().AuthorizeAsync(
            new AuthorizeSecurityGroupRequest { SecurityGroupId = groupId, Permissions = [rule] }, Direction.Ingress, CancellationToken.None));

    private Task<DescribeSecurityGroupAttributeResponse> DescribeAsync(string groupId) =>
        fixture.WithServicesAsync(s => s.GetRequiredService<SecurityGroupService>().DescribeAttributeAsync(
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = groupId }, CancellationToken.None));

    /// <summary>Registers an instance as its agent would (the agent service, as an admin would call it).</summary>
    private Task<string> RegisterInstanceAsync(string name) =>
        fixture.WithServicesAsync(async s => (await s.GetRequiredService<AgentService>().RegisterAsync(new AgentRegisterRequest
        {
            InstanceName = name,
            HostName = name,
            AgentVersion = "console-test",
            NetworkInterfaces = [new AgentNetworkInterface { DeviceName = "eth0", MacAddress = "52:54:00:00:00:01", Addresses = ["198.18.0.10/24"] }],
        }, arrivedOn: null, agent: null, CancellationToken.None)).InstanceId);
}
