using System.Net;
using System.Text.RegularExpressions;
using Palisade.Contracts.SecurityGroups;

namespace Palisade.Server.Tests.Console;

/// <summary>
/// The console pages over plain HTTP, as a browser without JavaScript would use them: what needs a login, the
/// login form with its antiforgery token, and the rule dialog's form posting to the same service as the API.
/// The browser tests (Palisade.EndToEnd.Tests, Console) cover the rest.
/// </summary>
public sealed partial class ConsolePageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/securitygroups")]
    [InlineData("/console/instances")]
    [InlineData("/console/securitygroups/details/sg-anything")]
    public async Task Get_NotLoggedIn_RedirectsToLoginWithReturnUrl(string path)
    {
        using var client = NewClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/console/login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Stylesheet_NotLoggedIn_IsServedAndRevalidatedByETag()
    {
        using var client = NewClient();

        using var first = await client.GetAsync("/console/console.css");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/console/console.css");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(again);

        Assert.Equal((HttpStatusCode.OK, "text/css"), (first.StatusCode, first.Content.Headers.ContentType!.MediaType));
        Assert.Contains(".topbar", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task LoginPost_WithoutAntiforgeryToken_IsRefusedAndSetsNoSession()
    {
        var cookies = new CookieContainer();
        using var client = NewClient(cookies);

        using var response = await client.PostAsync("/console/login", Form(("UserName", "admin"), ("Password", TestServer.AdminPassword)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "palisade.session");
    }

    [Fact]
    public async Task LoginPost_RightPassword_SetsSessionAndOpensSecurityGroups()
    {
        var cookies = new CookieContainer();
        using var client = NewClient(cookies);

        using var login = await LogInAsync(client, TestServer.AdminPassword);
        using var groups = await client.GetAsync(login.Headers.Location);

        Assert.Equal((HttpStatusCode.Found, "/console"), (login.StatusCode, login.Headers.Location!.OriginalString));
        Assert.Contains(cookies.GetAllCookies(), c => c.Name == "palisade.session" && c.HttpOnly);
        var html = await (await client.GetAsync("/console/securitygroups")).Content.ReadAsStringAsync();
        Assert.Contains("<h1>Security Groups</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPost_WrongPassword_ShowsErrorWithoutSession()
    {
        var cookies = new CookieContainer();
        using var client = NewClient(cookies);

        using var login = await LogInAsync(client, "wrong password");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("The user name or password is not correct.", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(cookies.GetAllCookies(), c => c.Name == "palisade.session");
    }

    [Fact]
    public async Task AddRuleForm_PostedWithoutScript_StoresEgressRuleAndRedirectsToOutboundTab()
    {
        var groupId = await _server.CreateGroupAsync("console-egress");
        using var client = NewClient(new CookieContainer());
        using var _ = await LogInAsync(client, TestServer.AdminPassword);
        var page = await client.GetStringAsync($"/console/securitygroups/details/{groupId}?tab=egress");

        using var added = await client.PostAsync($"/console/securitygroups/details/{groupId}?handler=AddRule&regionId=local", Form(
            ("__RequestVerificationToken", AntiforgeryToken(page)),
            ("Rule.Direction", "egress"), ("Rule.Policy", "drop"), ("Rule.IpProtocol", "udp"), ("Rule.PortRange", "53/53"),
            ("Rule.AuthorizationType", "ipv4"), ("Rule.AuthorizationObject", "198.51.100.53/32"), ("Rule.Priority", "7"),
            ("Rule.Description", "no outside DNS")));

        Assert.Equal(HttpStatusCode.Found, added.StatusCode);
        Assert.Equal($"/console/securitygroups/details/{groupId}?tab=egress&regionId=local", added.Headers.Location!.OriginalString);
        var stored = await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = groupId });
        var rule = Assert.Single(stored.Permissions);
        Assert.Equal(("egress", "drop", "udp", "53/53", "198.51.100.53/32", "7", "no outside DNS"),
            (rule.Direction, rule.Policy, rule.IpProtocol, rule.PortRange, rule.DestCidrIp, rule.Priority, rule.Description));
    }

    [Fact]
    public async Task DeleteRuleForm_Posted_RevokesOnlyThatRule()
    {
        var groupId = await _server.CreateGroupAsync("console-delete");
        var ruleIds = await _server.AuthorizeAsync(groupId, TestServer.Tcp(22, "203.0.113.7/32"), TestServer.Tcp(443));
        using var client = NewClient(new CookieContainer());
        using var _ = await LogInAsync(client, TestServer.AdminPassword);
        var page = await client.GetStringAsync($"/console/securitygroups/details/{groupId}");

        using var deleted = await client.PostAsync($"/console/securitygroups/details/{groupId}?handler=DeleteRule&regionId=local", Form(
            ("__RequestVerificationToken", AntiforgeryToken(page)), ("securityGroupRuleId", ruleIds[0]), ("direction", "ingress")));

        Assert.Equal(HttpStatusCode.Found, deleted.StatusCode);
        var stored = await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = groupId });
        Assert.Equal([ruleIds[1]], stored.Permissions.Select(p => p.SecurityGroupRuleId).ToArray());
    }

    [Fact]
    public async Task ModifyPolicyForm_AcceptOnEnterpriseGroup_Answers403WithOperationDenied()
    {
        var groupId = await _server.CreateGroupAsync("console-enterprise", type: "enterprise");
        using var client = NewClient(new CookieContainer());
        using var _ = await LogInAsync(client, TestServer.AdminPassword);
        var page = await client.GetStringAsync($"/console/securitygroups/details/{groupId}");

        using var modified = await client.PostAsync($"/console/securitygroups/details/{groupId}?handler=ModifyPolicy&regionId=local", Form(
            ("__RequestVerificationToken", AntiforgeryToken(page)), ("innerAccessPolicy", "Accept")));

        Assert.Equal(HttpStatusCode.Forbidden, modified.StatusCode);
        Assert.Contains("OperationDenied", await modified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetailsPage_UnknownGroup_Answers404WithTheApiErrorCode()
    {
        using var client = NewClient(new CookieContainer());
        using var _ = await LogInAsync(client, TestServer.AdminPassword);
        using var page = await client.GetAsync("/console/securitygroups/details/sg-doesnotexist0000");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("InvalidSecurityGroupId.NotFound", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolePages_RegionChosen_ListOnlyThatRegionAndFallBackForUnknownOnes()
    {
        await _server.CallOkAsync<Contracts.Common.ApiResponse>("CreateRegion", new Contracts.Common.CreateRegionRequest { RegionId = "eu-console-1", LocalName = "Console test" });
        var local = await _server.CreateGroupAsync("console-local");
        var remote = (await _server.CallOkAsync<CreateSecurityGroupResponse>("CreateSecurityGroup",
            new CreateSecurityGroupRequest { RegionId = "eu-console-1", SecurityGroupName = "console-remote" })).SecurityGroupId;
        using var client = NewClient(new CookieContainer());
        using var _ = await LogInAsync(client, TestServer.AdminPassword);

        var chosen = await client.GetStringAsync("/console/securitygroups?regionId=eu-console-1");
        var unknown = await client.GetStringAsync("/console/securitygroups?regionId=nowhere");

        Assert.Contains(remote, chosen, StringComparison.Ordinal);
        Assert.DoesNotContain(local, chosen, StringComparison.Ordinal);
        Assert.Contains("<option value=\"eu-console-1\" selected=\"selected\">", chosen, StringComparison.Ordinal);
        Assert.Contains("InvalidRegionId.NotFound", unknown, StringComparison.Ordinal);

        // The fallback is the first region by id, as with no regionId at all: eu-console-1 sorts before local.
        Assert.Contains("<option value=\"eu-console-1\" selected=\"selected\">", unknown, StringComparison.Ordinal);
        Assert.Contains(remote, unknown, StringComparison.Ordinal);

        // A link to a group without regionId shows the group in its own region, not "not found" in the first one.
        using var details = await client.GetAsync($"/console/securitygroups/details/{local}");
        var detailsHtml = await details.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Contains("<h1>console-local</h1>", detailsHtml, StringComparison.Ordinal);
        Assert.Contains("<option value=\"local\" selected=\"selected\">", detailsHtml, StringComparison.Ordinal);
    }

    private HttpClient NewClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = _server.BaseAddress,
        };

    private static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string password)
    {
        var form = await client.GetStringAsync("/console/login");
        return await client.PostAsync("/console/login", Form(
            ("__RequestVerificationToken", AntiforgeryToken(form)), ("UserName", "admin"), ("Password", password)));
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static string AntiforgeryToken(string html) =>
        AntiforgeryInput().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
