using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Contracts.SecurityGroups;
using Palisade.Contracts.Tokens;
using Palisade.Core;
using Palisade.Server.Application;

namespace Palisade.Server.Tests;

/// <summary>What happens at start and across restarts; every test has its own data directory.</summary>
public sealed partial class StartupAndPersistenceTests
{
    [Fact]
    public async Task FirstStart_NoAdminPassword_PrintsAGeneratedLoginOnlyOnce()
    {
        await using var first = await TestServer.StartAsync(adminPassword: null, createRoleTokens: false);
        var printed = first.Output.ToString();
        var password = GeneratedPassword().Match(printed).Groups[1].Value;
        Assert.Equal(24, password.Length);
        Assert.Contains($"Palisade console: {first.BaseAddress.ToString().TrimEnd('/')}/console", printed, StringComparison.Ordinal);
        var login = await first.WithScopeAsync(s => s.GetRequiredService<AccountService>().CheckPasswordAsync("admin", password, CancellationToken.None));
        Assert.Equal(LoginStatus.Succeeded, login.Status);
        await first.StopAsync();

        await using var second = await TestServer.StartAsync(first.DataDirectory, adminPassword: null, createRoleTokens: false);

        Assert.Contains("Palisade console:", second.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("password", second.Output.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FirstStart_ChosenAdminPassword_IsUsedAndNeverPrinted()
    {
        await using var server = await TestServer.StartAsync(createRoleTokens: false);

        Assert.DoesNotContain(TestServer.AdminPassword, server.Output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("First start", server.Output.ToString(), StringComparison.Ordinal);
        var login = await server.WithScopeAsync(s => s.GetRequiredService<AccountService>().CheckPasswordAsync("admin", TestServer.AdminPassword, CancellationToken.None));
        Assert.Equal(LoginStatus.Succeeded, login.Status);
    }

    [Fact]
    public async Task BootstrapToken_FirstStart_IsAnAdminTokenAndLaterOnesAreIgnored()
    {
        await using var first = await TestServer.StartAsync(createRoleTokens: false);
        var tokens = await first.CallOkAsync<DescribeApiTokensResponse>("DescribeApiTokens", null);
        var bootstrap = Assert.Single(tokens.Tokens);
        Assert.Equal("admin", bootstrap.Role);
        Assert.Contains("PALISADE_BOOTSTRAP_TOKEN", bootstrap.Description, StringComparison.Ordinal);
        await first.StopAsync();

        await using var second = await TestServer.StartAsync(first.DataDirectory, createRoleTokens: false, bootstrapToken: "pal_a-later-bootstrap-token-0001");

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.CallAsync("DescribeRegions", null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await second.CallAsync("DescribeRegions", null, first.AdminToken)).Status);
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsEverything()
    {
        await using var first = await TestServer.StartAsync();
        var group = await first.CreateGroupAsync("persisted");
        var rules = await first.AuthorizeAsync(group, TestServer.Tcp(22, "203.0.113.7/32"));
        var instance = await first.RegisterInstanceAsync("persisted-host");
        await first.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });
        var before = await StoreSnapshot.TakeAsync(first);
        await first.StopAsync();

        await using var second = await TestServer.StartAsync(first.DataDirectory, createRoleTokens: false, bootstrapToken: first.AdminToken);

        Assert.Equal(before, await StoreSnapshot.TakeAsync(second));
        var attribute = await second.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = group });
        Assert.Equal(rules, attribute.Permissions.Select(p => p.SecurityGroupRuleId).ToList());
        Assert.Equal([instance], attribute.InstanceIds);
        var instances = await second.CallOkAsync<DescribeInstancesResponse>("DescribeInstances", new DescribeInstancesRequest { InstanceName = "persisted-host" });
        Assert.Equal([group], Assert.Single(instances.Instances).SecurityGroupIds);
    }

    [Fact]
    public async Task CreateTokenOffline_ExistingDataDirectory_MakesATokenTheServerAccepts()
    {
        await using var first = await TestServer.StartAsync(createRoleTokens: false);
        await first.StopAsync();

        var created = await ServerHost.CreateTokenOfflineAsync(first.DataDirectory, ApiRoles.Operator, "made offline", CancellationToken.None);
        await using var second = await TestServer.StartAsync(first.DataDirectory, createRoleTokens: false, bootstrapToken: first.AdminToken);

        Assert.Equal(HttpStatusCode.OK, (await second.CallAsync("CreateSecurityGroup", new CreateSecurityGroupRequest(), created.Token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await second.CallAsync("CreateApiToken", new CreateApiTokenRequest { Role = "admin" }, created.Token)).Status);
    }

    [Fact]
    public async Task CreateTokenOffline_NoDatabase_ExplainsWhatToDo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "palisade-server-tests", "missing-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<ValidationException>(() => ServerHost.CreateTokenOfflineAsync(missing, ApiRoles.Admin, null, CancellationToken.None));

        Assert.Contains("palisade server --data", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task CreateTokenOffline_UnknownRole_IsRefused()
    {
        await using var server = await TestServer.StartAsync(createRoleTokens: false);
        await server.StopAsync();

        var error = await Assert.ThrowsAsync<ValidationException>(() => ServerHost.CreateTokenOfflineAsync(server.DataDirectory, "superuser", null, CancellationToken.None));

        Assert.Equal("Role", error.Errors[0].Field);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsCleanlyWithZero()
    {
        var directory = Path.Combine(Path.GetTempPath(), "palisade-server-tests", Guid.NewGuid().ToString("N"));
        var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var run = ServerHost.RunAsync(new ServerOptions
        {
            DataDirectory = directory, Urls = "http://127.0.0.1:0", Output = output, AdminPassword = TestServer.AdminPassword,
            BootstrapToken = null, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        }, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!output.ToString().Contains("Palisade console:", StringComparison.Ordinal) && DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            await Task.Delay(50);
        }

        await stop.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(File.Exists(Path.Combine(directory, "palisade.db")));
        Directory.Delete(directory, recursive: true);
    }

    [GeneratedRegex("with password '([^']+)'")]
    private static partial Regex GeneratedPassword();
}
