using Microsoft.Extensions.Logging;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Contracts.SecurityGroups;
using Palisade.Contracts.Tokens;
using Palisade.Server;
using Palisade.TestSupport.Network;
using Palisade.TestSupport;
using Xunit.Abstractions;

namespace Palisade.Agent.Tests;

/// <summary>
/// The tutorial end to end through the real server and a real kernel: the server in-process on 127.0.0.1:0, the
/// agent in-process with its ip/nft commands in the "instance" namespace, and two clients in their own namespaces.
/// </summary>
public sealed class ServerIntegrationTests(ITestOutputHelper output)
{
    private static readonly TimeSpan EnforcementDeadline = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(700);

    [NetworkFact]
    public async Task Tutorial_RulesJoinChangeAndServerStop_KernelFollowsWithinTwoSecondsAndKeepsTheLastRuleset()
    {
        await using var lab = NetworkLab.Create("instance", "alice", "bob");
        var (instance, alice, bob) = (lab["instance"], lab["alice"], lab["bob"]);
        using var ssh = instance.ListenTcp(22);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "palisade-agent-tests", Guid.NewGuid().ToString("N"));
        var bootstrap = "pal_bootstrap_" + Guid.NewGuid().ToString("N");
        var server = ServerHost.Build(new ServerOptions
        {
            DataDirectory = Path.Combine(dataDirectory, "server"),
            Urls = "http://127.0.0.1:0",
            AdminPassword = "correct horse battery staple",
            BootstrapToken = bootstrap,
            Output = new StringWriter(),
            MinimumLogLevel = LogLevel.Warning,
        });
        try
        {
            await server.StartAsync();
            var serverUri = new Uri(server.Urls.First());
            using var api = new ControlPlaneApi(serverUri, bootstrap);
            var agentToken = (await api.CallAsync<CreateApiTokenResponse>(ApiActions.CreateApiToken, new CreateApiTokenRequest { Role = ApiRoles.Agent })).Token;

            await using var agent = AgentRun.Start(new AgentOptions
            {
                Server = serverUri,
                Token = agentToken,
                InstanceName = "web-1",
                StateDirectory = Path.Combine(dataDirectory, "agent"),
                CommandPrefix = ["ip", "netns", "exec", instance.Name],
                ReportInterval = TimeSpan.FromSeconds(2),
            });
            var instanceId = "";
            await Eventually.HoldsAsync(async () =>
            {
                var found = await api.CallAsync<DescribeInstancesResponse>(ApiActions.DescribeInstances, new DescribeInstancesRequest { InstanceName = "web-1" });
                instanceId = found.Instances.FirstOrDefault()?.InstanceId ?? "";
                return instanceId.Length > 0;
            }, TimeSpan.FromSeconds(10), "the agent registers", () => agent.Logs.ToString());
            var registered = await DescribeAsync(api, instanceId);
            Assert.Equal(["198.18.0.1"], registered.NetworkInterfaces.Select(n => n.PrimaryIpAddress ?? "").ToArray());
            Assert.Equal(["2001:2::1"], registered.NetworkInterfaces.Single().Ipv6Addresses);

            // The tutorial: only alice may reach port 22; everyone else is dropped.
            var groupId = (await api.CallAsync<CreateSecurityGroupResponse>(ApiActions.CreateSecurityGroup,
                new CreateSecurityGroupRequest { SecurityGroupName = "tutorial" })).SecurityGroupId;
            var ruleIds = (await api.CallAsync<AuthorizeSecurityGroupResponse>(ApiActions.AuthorizeSecurityGroup, new AuthorizeSecurityGroupRequest
            {
                SecurityGroupId = groupId,
                Permissions =
                [
                    new PermissionInput { Policy = "accept", Priority = "1", IpProtocol = "tcp", PortRange = "22/22", SourceCidrIp = $"{alice.IPv4}/32" },
                    new PermissionInput { Policy = "drop", Priority = "2", IpProtocol = "tcp", PortRange = "22/22", SourceCidrIp = "0.0.0.0/0" },
                ],
            })).SecurityGroupRuleIds;
            var acceptRule = ruleIds[0];

            await api.CallAsync<ApiResponse>(ApiActions.JoinSecurityGroup, new JoinSecurityGroupRequest { SecurityGroupId = groupId, InstanceId = instanceId });
            var joined = System.Diagnostics.Stopwatch.StartNew();
            var firstEnforced = await Eventually.HoldsAsync(async () => (await TableTextAsync(instance)).Contains("r_" + acceptRule, StringComparison.Ordinal),
                EnforcementDeadline, "the tutorial ruleset reaches the kernel", () => agent.Logs.ToString());
            output.WriteLine($"join -> ruleset in the kernel: {firstEnforced.TotalMilliseconds:0} ms");
            var firstRuleset = await TableTextAsync(instance);
            Assert.Contains(alice.IPv4.ToString(), firstRuleset, StringComparison.Ordinal);
            await Eventually.HoldsAsync(async () => (await DescribeAsync(api, instanceId)) is { AppliedRevision: > 0 } i && i.AppliedRevision == i.DesiredRevision,
                EnforcementDeadline - joined.Elapsed + TimeSpan.FromSeconds(1), "the applied revision is reported", () => agent.Logs.ToString());
            Assert.Equal(TcpProbeResult.Connected, await alice.TcpConnectAsync(instance.IPv4, 22, Probe));
            Assert.Equal(TcpProbeResult.TimedOut, await bob.TcpConnectAsync(instance.IPv4, 22, Probe));

            // Bob's dropped SYNs reach the console as hits of the drop rule through the agent's reports.
            await Eventually.HoldsAsync(async () => (await HitCountAsync(api, groupId, ruleIds[1])) > 0, TimeSpan.FromSeconds(15),
                "the drop rule's hits are reported", () => agent.Logs.ToString());

            // Hand port 22 from alice to bob.
            var before = (await DescribeAsync(api, instanceId)).AppliedRevision;
            await api.CallAsync<ApiResponse>(ApiActions.ModifySecurityGroupRule, new ModifySecurityGroupRuleRequest
            {
                SecurityGroupId = groupId,
                SecurityGroupRuleId = acceptRule,
                SourceCidrIp = $"{bob.IPv4}/32",
            });
            var changeEnforced = await Eventually.HoldsAsync(async () => (await TableTextAsync(instance)).Contains(bob.IPv4.ToString(), StringComparison.Ordinal),
                EnforcementDeadline, "the changed rule reaches the kernel", () => agent.Logs.ToString());
            output.WriteLine($"rule change -> ruleset in the kernel: {changeEnforced.TotalMilliseconds:0} ms");
            await Eventually.HoldsAsync(async () => (await DescribeAsync(api, instanceId)).AppliedRevision > before,
                EnforcementDeadline, "the new revision is reported", () => agent.Logs.ToString());
            Assert.Equal(TcpProbeResult.Connected, await bob.TcpConnectAsync(instance.IPv4, 22, Probe));
            Assert.Equal(TcpProbeResult.TimedOut, await alice.TcpConnectAsync(instance.IPv4, 22, Probe));
            var lastRuleset = NftText.WithoutCounterValues(await TableTextAsync(instance));

            // The server goes away: the agent notices, and the kernel keeps the last ruleset.
            await server.StopAsync();
            await Eventually.HoldsAsync(() => agent.Logs.Count(201) > 0, TimeSpan.FromSeconds(10), "the agent notices the server is gone", () => agent.Logs.ToString());
            Assert.Equal(lastRuleset, NftText.WithoutCounterValues(await TableTextAsync(instance)));
            Assert.Equal(TcpProbeResult.Connected, await bob.TcpConnectAsync(instance.IPv4, 22, Probe));
            Assert.Equal(TcpProbeResult.TimedOut, await alice.TcpConnectAsync(instance.IPv4, 22, Probe));
            Assert.False(agent.Completion.IsCompleted);
            Assert.Equal(0, agent.Logs.Count(102));
            Assert.Equal(AgentHost.ExitOk, await agent.StopAsync());
            output.WriteLine(agent.Logs.ToString());
        }
        finally
        {
            await server.DisposeAsync();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A pooled SQLite handle may still be closing; the folder is in /tmp.
            }
        }
    }

    private static async Task<InstanceInfo> DescribeAsync(ControlPlaneApi api, string instanceId) =>
        (await api.CallAsync<DescribeInstancesResponse>(ApiActions.DescribeInstances, new DescribeInstancesRequest { InstanceIds = [instanceId] })).Instances.Single();

    private static async Task<long> HitCountAsync(ControlPlaneApi api, string groupId, string ruleId) =>
        (await api.CallAsync<DescribeSecurityGroupAttributeResponse>(ApiActions.DescribeSecurityGroupAttribute,
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = groupId })).Permissions.Single(p => p.SecurityGroupRuleId == ruleId).HitCount;

    private static async Task<string> TableTextAsync(LabHost host)
    {
        var result = await host.RunAsync("nft", "list", "table", "inet", "palisade");
        return result.Succeeded ? result.StandardOutput : "";
    }
}
