using System.Text.Json;

namespace Palisade.Cli.Tests;

/// <summary>
/// The tutorial of the issue, typed as a user would: "allow one address to reach port 22, deny port 22 to everyone
/// else", against a real server.
/// </summary>
public sealed class TutorialTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task Tutorial_CreateAuthorizeDescribeRevokeDelete_EveryStepWorksAndRulesListInPriorityOrder()
    {
        var created = await server.RunJsonAsync("sg", "create", "--security-group-name", "tutorial", "--description", "ssh from the office only");
        var groupId = created.GetProperty("SecurityGroupId").GetString()!;
        Assert.StartsWith("sg-", groupId, StringComparison.Ordinal);

        // The drop rule first, so that the listing has to reorder them by priority.
        var drop = await server.RunOkAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp", "--port-range", "22/22",
            "--source-cidr-ip", "0.0.0.0/0", "--policy", "drop", "--priority", "2", "--description", "everyone else");
        var accept = await server.RunOkAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "TCP", "--port-range", "22/22",
            "--source-cidr-ip", "203.0.113.7/32", "--priority", "1", "--description", "the office");
        var dropRuleId = RuleIdIn(drop);
        var acceptRuleId = RuleIdIn(accept);

        var table = await server.RunOkAsync("sg", "describe", "--security-group-id", groupId);
        Assert.Contains("tutorial", table, StringComparison.Ordinal);
        var acceptAt = table.IndexOf(acceptRuleId, StringComparison.Ordinal);
        var dropAt = table.IndexOf(dropRuleId, StringComparison.Ordinal);
        Assert.True(acceptAt >= 0 && dropAt > acceptAt, $"priority 1 must be listed before priority 2:\n{table}");
        var acceptLine = LineWith(table, acceptRuleId);
        Assert.Contains("203.0.113.7/32", acceptLine, StringComparison.Ordinal);
        Assert.Contains("accept", acceptLine, StringComparison.Ordinal);
        Assert.Contains("the office", acceptLine, StringComparison.Ordinal);
        Assert.Contains("tcp", acceptLine, StringComparison.Ordinal);
        var dropLine = LineWith(table, dropRuleId);
        Assert.Contains("0.0.0.0/0", dropLine, StringComparison.Ordinal);
        Assert.Contains("drop", dropLine, StringComparison.Ordinal);

        var json = await server.RunJsonAsync("sg", "describe", "--security-group-id", groupId);
        Assert.Equal(groupId, json.GetProperty("SecurityGroupId").GetString());
        Assert.Equal("tutorial", json.GetProperty("SecurityGroupName").GetString());
        var rules = json.GetProperty("Permissions").EnumerateArray().ToList();
        Assert.Equal([acceptRuleId, dropRuleId], rules.Select(r => r.GetProperty("SecurityGroupRuleId").GetString()));
        Assert.Equal("1", rules[0].GetProperty("Priority").ToString());
        Assert.Equal("accept", rules[0].GetProperty("Policy").GetString());
        Assert.Equal("tcp", rules[0].GetProperty("IpProtocol").GetString());
        Assert.Equal("22/22", rules[0].GetProperty("PortRange").GetString());
        Assert.Equal("203.0.113.7/32", rules[0].GetProperty("SourceCidrIp").GetString());
        Assert.Equal("ingress", rules[0].GetProperty("Direction").GetString(), ignoreCase: true);

        // Authorizing the same rule again adds nothing and answers with the existing rule.
        var again = await server.RunOkAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp", "--port-range", "22/22",
            "--source-cidr-ip", "203.0.113.7/32", "--priority", "1", "--description", "the office");
        Assert.Equal(acceptRuleId, RuleIdIn(again));

        await server.RunOkAsync("sg", "revoke", "--security-group-id", groupId, "--security-group-rule-id", dropRuleId);
        var afterRevoke = await server.RunJsonAsync("sg", "describe", "--security-group-id", groupId);
        Assert.Equal([acceptRuleId], afterRevoke.GetProperty("Permissions").EnumerateArray().Select(r => r.GetProperty("SecurityGroupRuleId").GetString()));

        var listed = await server.RunJsonAsync("sg", "list");
        Assert.Contains(listed.GetProperty("SecurityGroups").EnumerateArray(), g => g.GetProperty("SecurityGroupId").GetString() == groupId);

        await server.RunOkAsync("sg", "delete", "--security-group-id", groupId);
        var gone = await server.RunAsync("sg", "describe", "--security-group-id", groupId);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("InvalidSecurityGroupId.NotFound", gone.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutputJson_AnyCommand_PrintsOnlyIndentedApiJsonWithApiFieldNames()
    {
        var run = await server.RunAsync("sg", "create", "--security-group-name", "json-shape", "--output", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.StartsWith("{" + Environment.NewLine + "  \"", run.Stdout, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["RequestId", "SecurityGroupId"], document.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var list = await server.RunAsync("--output", "json", "sg", "list", "--security-group-name", "json-shape");
        Assert.Equal(0, list.ExitCode);
        using var listed = JsonDocument.Parse(list.Stdout);
        var group = Assert.Single(listed.RootElement.GetProperty("SecurityGroups").EnumerateArray());
        foreach (var field in new[] { "SecurityGroupId", "SecurityGroupName", "SecurityGroupType", "InnerAccessPolicy", "RegionId", "RuleCount" })
        {
            Assert.True(group.TryGetProperty(field, out _), $"{field} missing in {list.Stdout}");
        }
    }

    [Fact]
    public async Task InstanceAndAccessCommands_RegisteredInstance_ShowStatusVerdictsAndExposure()
    {
        var instanceId = await server.RegisterInstanceAsync("cli-web-1", "198.18.0.10/24");
        var groupId = (await server.RunJsonAsync("sg", "create", "--security-group-name", "cli-web")).GetProperty("SecurityGroupId").GetString()!;
        var acceptRuleId = RuleIdIn(await server.RunOkAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp",
            "--port-range", "22/22", "--source-cidr-ip", "203.0.113.7/32", "--priority", "1", "--nic-type", "intranet"));
        var dropRuleId = RuleIdIn(await server.RunOkAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp",
            "--port-range", "22/22", "--source-cidr-ip", "0.0.0.0/0", "--policy", "drop", "--priority", "2", "--nic-type", "intranet"));
        var openRuleId = RuleIdIn(await server.RunOkAsync("sg", "authorize", "--security-group-id", groupId, "--ip-protocol", "tcp",
            "--port-range", "3306/3306", "--source-cidr-ip", "0.0.0.0/0", "--priority", "5", "--nic-type", "intranet"));
        await server.RunOkAsync("instance", "join-sg", "--instance-id", instanceId, "--security-group-id", groupId);

        var instances = await server.RunJsonAsync("instance", "list", "--instance-name", "cli-web-1");
        var instance = Assert.Single(instances.GetProperty("Instances").EnumerateArray());
        Assert.Equal(instanceId, instance.GetProperty("InstanceId").GetString());
        Assert.Equal("cli-web-1", instance.GetProperty("InstanceName").GetString());
        Assert.Contains(groupId, instance.GetProperty("SecurityGroupIds").EnumerateArray().Select(g => g.GetString()));

        var table = await server.RunOkAsync("instance", "list");
        var row = LineWith(table, instanceId);
        Assert.Contains("cli-web-1", row, StringComparison.Ordinal);
        Assert.Contains(instance.GetProperty("Status").GetString()!, row, StringComparison.Ordinal);
        Assert.Contains($"{instance.GetProperty("AppliedRevision").GetInt64()} / {instance.GetProperty("DesiredRevision").GetInt64()}", row, StringComparison.Ordinal);
        Assert.Contains("198.18.0.10", await server.RunOkAsync("instance", "describe", "--instance-id", instanceId), StringComparison.Ordinal);

        var allowed = await server.RunOkAsync("sg", "check", "--instance-id", instanceId, "--protocol", "tcp", "--port", "22", "--source", "203.0.113.7");
        Assert.StartsWith("ACCEPT", allowed, StringComparison.Ordinal);
        Assert.Contains(acceptRuleId, allowed, StringComparison.Ordinal);
        var denied = await server.RunJsonAsync("sg", "check", "--instance-id", instanceId, "--ip-protocol", "tcp", "--port", "22", "--source", "198.51.100.1");
        Assert.Equal("drop", denied.GetProperty("Verdict").GetString());
        Assert.Equal(dropRuleId, denied.GetProperty("SecurityGroupRuleId").GetString());

        var access = await server.RunJsonAsync("sg", "access", "--instance-id", instanceId, "--protocol", "tcp", "--port", "22");
        Assert.False(access.GetProperty("OpenToEveryone").GetBoolean());
        Assert.Contains(access.GetProperty("Allowed").EnumerateArray(), r => r.GetProperty("Cidrs").EnumerateArray().Any(c => c.GetString() == "203.0.113.7/32"));
        Assert.Contains("203.0.113.7/32", await server.RunOkAsync("sg", "access", "--instance-id", instanceId, "--protocol", "tcp", "--port", "22"), StringComparison.Ordinal);

        var risks = await server.RunJsonAsync("sg", "risks", "--instance-id", instanceId);
        Assert.Contains(risks.GetProperty("Risks").EnumerateArray(), r => r.GetProperty("Port").GetInt32() == 3306);
        Assert.DoesNotContain(risks.GetProperty("Risks").EnumerateArray(), r => r.GetProperty("Port").GetInt32() == 22);
        Assert.Contains(openRuleId, await server.RunOkAsync("sg", "risks", "--instance-id", instanceId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrefixListAndRegionCommands_CreateListModifyDelete_RoundTrip()
    {
        var listId = (await server.RunJsonAsync("prefix-list", "create", "--prefix-list-name", "offices", "--max-entries", "5",
            "--entry", "203.0.113.0/24=Paris", "--entry", "198.51.100.0/24")).GetProperty("PrefixListId").GetString()!;
        await server.RunOkAsync("prefix-list", "modify", "--prefix-list-id", listId, "--add-entry", "192.0.2.0/24=Nantes", "--remove-entry", "198.51.100.0/24");
        var listed = await server.RunJsonAsync("prefix-list", "list", "--prefix-list-id", listId);
        var entries = Assert.Single(listed.GetProperty("PrefixLists").EnumerateArray()).GetProperty("Entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("Cidr").GetString()!, e => e.GetProperty("Description").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["192.0.2.0/24"] = "Nantes", ["203.0.113.0/24"] = "Paris" }, entries);
        await server.RunOkAsync("prefix-list", "delete", "--prefix-list-id", listId);

        await server.RunOkAsync("region", "create", "--region-id", "cli-test-region", "--local-name", "CLI test");
        Assert.Contains("cli-test-region", await server.RunOkAsync("region", "list"), StringComparison.Ordinal);
    }

    private static string RuleIdIn(string output)
    {
        var id = output.Split(' ', '.', '\n').FirstOrDefault(w => w.StartsWith("sgr-", StringComparison.Ordinal));
        Assert.True(id is not null, $"no rule id in: {output}");
        return id;
    }

    private static string LineWith(string text, string value) =>
        text.Split('\n').FirstOrDefault(l => l.Contains(value, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no line with {value} in:\n{text}");
}
