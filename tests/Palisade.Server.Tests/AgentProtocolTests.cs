using System.Net;
using Palisade.Contracts.Agent;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Contracts.PrefixLists;
using Palisade.Contracts.SecurityGroups;
using Palisade.Contracts.Tokens;
using Palisade.Core;
using Palisade.Server.Application;

namespace Palisade.Server.Tests;

public sealed class AgentProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Register_SameNameTwice_IsTheSameInstanceWithUpdatedNics()
    {
        var name = NewName();
        var first = await _server.RegisterInstanceAsync(name, ("eth0", ["198.18.3.10/24"]), ("eth1", ["198.18.4.10/24"]));
        var eth0 = (await DescribeAsync(first)).NetworkInterfaces[0].NetworkInterfaceId;

        var second = await _server.RegisterInstanceAsync(name, ("eth0", ["198.18.3.11/24", "2001:2::11/64"]));

        Assert.Equal(first, second);
        var nic = Assert.Single((await DescribeAsync(first)).NetworkInterfaces);
        Assert.Equal((eth0, "eth0", "198.18.3.11"), (nic.NetworkInterfaceId, nic.DeviceName, nic.PrimaryIpAddress));
        Assert.Equal(["2001:2::11"], nic.Ipv6Addresses);
    }

    [Fact]
    public async Task Register_ControlPlaneAddress_IsTheAddressTheRequestArrivedOn()
    {
        var response = await _server.CallOkAsync<AgentRegisterResponse>("agent/register",
            new AgentRegisterRequest { InstanceName = NewName(), NetworkInterfaces = [] }, await _server.CreateTokenAsync(ApiRoles.Agent));

        Assert.Equal(["127.0.0.1"], response.ControlPlaneAddresses);
    }

    [Fact]
    public async Task Register_BadAddressAndDevice_Returns400WithBothAndStoresNothing()
    {
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("agent/register", new AgentRegisterRequest
        {
            InstanceName = NewName(),
            NetworkInterfaces =
            [
                new AgentNetworkInterface { DeviceName = "eth0", Addresses = ["198.18.0.300/24"] },
                new AgentNetworkInterface { DeviceName = "a-name-far-too-long-for-linux" },
            ],
        }, _server.AgentToken);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(["NetworkInterfaces[0].Addresses[0]", "NetworkInterfaces[1].DeviceName"], result.Error.Errors.Select(e => e.Field).ToArray());
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task DesiredState_NewAgent_GetsItsPolicyWithMembersAndPrefixLists()
    {
        var web = await _server.CreateGroupAsync("web");
        var db = await _server.CreateGroupAsync("db");
        var list = await _server.CallOkAsync<CreatePrefixListResponse>("CreatePrefixList", new CreatePrefixListRequest
        {
            PrefixListName = "office", MaxEntries = "3", Entry = [new PrefixListEntryInput { Cidr = "203.0.113.0/24" }],
        });
        await _server.AuthorizeAsync(web,
            new PermissionInput { IpProtocol = "tcp", PortRange = "443/443", SourcePrefixListId = list.PrefixListId },
            new PermissionInput { IpProtocol = "tcp", PortRange = "8080/8080", SourceGroupId = db });
        var webInstance = await _server.RegisterInstanceAsync(NewName(), ("eth0", ["198.18.5.10/24"]));
        var dbInstance = await _server.RegisterInstanceAsync(NewName(), ("eth0", ["198.18.5.20/24"]));
        await Join(web, webInstance);
        await Join(db, dbInstance);

        var state = await DesiredStateAsync(webInstance, digest: null, wait: 0);

        Assert.NotNull(state);
        var policy = state.Policy!;
        Assert.Equal(webInstance, policy.InstanceId);
        var nic = Assert.Single(policy.Nics);
        Assert.Equal(("eth0", "198.18.5.10/32"), (nic.DeviceName, Assert.Single(nic.Addresses).ToString()));
        Assert.Equal([web], nic.SecurityGroupIds.ToArray());
        Assert.Equal(2, Assert.Single(policy.SecurityGroups).Rules.Length);
        Assert.Equal(["198.18.5.20/32"], policy.GroupMemberAddresses[db].Select(c => c.ToString()).ToArray());
        Assert.Equal(["198.18.5.10/32"], policy.GroupMemberAddresses[web].Select(c => c.ToString()).ToArray());
        Assert.Equal(["203.0.113.0/24"], Assert.Single(policy.PrefixLists).Entries.Select(c => c.ToString()).ToArray());
        Assert.Equal(PolicyDigest.Compute(policy), state.Digest);
        Assert.Equal(64, state.Digest.Length);
    }

    [Fact]
    public async Task DesiredState_SameDigestAndNoWait_Returns304()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        var state = await DesiredStateAsync(instance, null, 0);

        var again = await DesiredStateAsync(instance, state!.Digest, 0);

        Assert.Null(again);
    }

    [Fact]
    public async Task DesiredState_RevisionBumpWithoutContentChange_KeepsTheDigest()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        await Join(await _server.CreateGroupAsync(), instance);
        var before = await DesiredStateAsync(instance, null, 0);

        await _server.CreateGroupAsync("unrelated");
        var after = await DesiredStateAsync(instance, null, 0);

        Assert.True(after!.Revision > before!.Revision);
        Assert.Equal(before.Digest, after.Digest);
    }

    [Fact]
    public async Task DesiredState_MemberOfReferencedGroupChangesAddress_ChangesTheDigest()
    {
        var web = await _server.CreateGroupAsync("web");
        var db = await _server.CreateGroupAsync("db");
        await _server.AuthorizeAsync(db, new PermissionInput { IpProtocol = "tcp", PortRange = "5432/5432", SourceGroupId = web });
        var dbName = NewName();
        var dbInstance = await _server.RegisterInstanceAsync(dbName, ("eth0", ["198.18.6.20/24"]));
        var webName = NewName();
        var webInstance = await _server.RegisterInstanceAsync(webName, ("eth0", ["198.18.6.10/24"]));
        await Join(db, dbInstance);
        await Join(web, webInstance);
        var before = await DesiredStateAsync(dbInstance, null, 0);

        await _server.RegisterInstanceAsync(webName, ("eth0", ["198.18.6.11/24"]));
        var after = await DesiredStateAsync(dbInstance, before!.Digest, 0);

        Assert.NotNull(after);
        Assert.Equal(["198.18.6.11/32"], after.Policy!.GroupMemberAddresses[web].Select(c => c.ToString()).ToArray());
    }

    [Fact]
    public async Task DesiredState_UnknownInstance_Returns404()
    {
        var result = await _server.SendRawAsync(HttpMethod.Get, "/api/agent/desired-state?instanceId=i-nothere0000000000&wait=0", "", _server.AgentToken);

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.InstanceNotFound, result.Error.Code);
    }

    [Fact]
    public async Task Report_CountersOfTwoInstances_AreSummedPerRule()
    {
        var group = await _server.CreateGroupAsync();
        var ruleIds = await _server.AuthorizeAsync(group, TestServer.Tcp(22), TestServer.Tcp(80));
        var first = await _server.RegisterInstanceAsync(NewName());
        var second = await _server.RegisterInstanceAsync(NewName());
        await Join(group, first);
        await Join(group, second);

        await Report(first, (ruleIds[0], 5), (ruleIds[1], 1), ("default-ingress", 100));
        await Report(second, (ruleIds[0], 7));
        await Report(second, (ruleIds[0], 9));

        var rules = (await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = group })).Permissions;
        Assert.Equal(14, rules.Single(r => r.SecurityGroupRuleId == ruleIds[0]).HitCount);
        Assert.Equal(1, rules.Single(r => r.SecurityGroupRuleId == ruleIds[1]).HitCount);
    }

    [Fact]
    public async Task Report_AppliedDigest_MakesTheInstanceInSync()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        await Join(await _server.CreateGroupAsync(), instance);
        var state = await DesiredStateAsync(instance, null, 0);

        await _server.CallOkAsync<ApiResponse>("agent/report", new AgentReportRequest
        {
            InstanceId = instance, AppliedRevision = state!.Revision, AppliedDigest = state.Digest, AppliedTime = _server.Time.GetUtcNow(),
        }, _server.AgentTokenOf(instance));
        await _server.CreateGroupAsync("bump");

        var info = await DescribeAsync(instance);
        Assert.Equal(("Running", state.Revision, state.Revision, (string?)null), (info.Status, info.AppliedRevision, info.DesiredRevision, info.ApplyError));
        Assert.Equal(ApiTime.Format(_server.Time.GetUtcNow().UtcDateTime), info.AppliedTime);
    }

    [Fact]
    public async Task DescribeInstances_AgentSilentForThreePollIntervals_IsOffline()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        Assert.Equal("Running", (await DescribeAsync(instance)).Status);

        _server.FakeTime.Advance(InstanceStatusPolicy.OfflineAfter + TimeSpan.FromSeconds(1));

        Assert.Equal("Offline", (await DescribeAsync(instance)).Status);
        await Report(instance);
        Assert.Equal("Running", (await DescribeAsync(instance)).Status);
    }

    [Fact]
    public async Task Report_UnknownInstance_Returns404()
    {
        var result = await _server.CallAsync("agent/report", new AgentReportRequest { InstanceId = "i-nothere0000000000" }, _server.AgentToken);

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
    }

    [Fact]
    public async Task ModifyNetworkInterfaceAttribute_Internet_IsDescribedAndInThePolicy()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        var nic = (await DescribeAsync(instance)).NetworkInterfaces[0].NetworkInterfaceId;

        await _server.CallOkAsync<ApiResponse>("ModifyNetworkInterfaceAttribute", new ModifyNetworkInterfaceAttributeRequest { NetworkInterfaceId = nic, NicType = "Internet" });

        Assert.Equal("internet", (await DescribeAsync(instance)).NetworkInterfaces[0].NicType);
        Assert.Equal(Palisade.SecurityGroups.Model.NicType.Internet, (await DesiredStateAsync(instance, null, 0))!.Policy!.Nics[0].NicType);
    }

    [Fact]
    public async Task ModifyNetworkInterfaceAttribute_BadType_Returns400()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        var nic = (await DescribeAsync(instance)).NetworkInterfaces[0].NetworkInterfaceId;

        var result = await _server.CallAsync("ModifyNetworkInterfaceAttribute", new ModifyNetworkInterfaceAttributeRequest { NetworkInterfaceId = nic, NicType = "dmz" });

        Assert.Equal(ErrorCodes.NicTypeValueNotSupported, result.Error.Code);
    }

    [Fact]
    public async Task DeleteInstance_Known_IsGoneAndSecondDeleteIs404()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        await Join(await _server.CreateGroupAsync(), instance);

        await _server.CallOkAsync<ApiResponse>("DeleteInstance", new DeleteInstanceRequest { InstanceId = instance });
        var again = await _server.CallAsync("DeleteInstance", new DeleteInstanceRequest { InstanceId = instance });

        Assert.Equal(ErrorCodes.InstanceNotFound, again.Error.Code);
        Assert.Empty((await _server.CallOkAsync<DescribeInstancesResponse>("DescribeInstances", new DescribeInstancesRequest { InstanceIds = [instance] })).Instances);
    }

    [Fact]
    public async Task DescribeInstances_BySecurityGroup_ListsOnlyMembers()
    {
        var group = await _server.CreateGroupAsync();
        var member = await _server.RegisterInstanceAsync(NewName());
        await _server.RegisterInstanceAsync(NewName());
        await Join(group, member);

        var list = await _server.CallOkAsync<DescribeInstancesResponse>("DescribeInstances", new DescribeInstancesRequest { SecurityGroupId = group });

        Assert.Equal([member], list.Instances.Select(i => i.InstanceId).ToArray());
    }

    [Fact]
    public async Task Register_AgentTokenOfAnotherInstance_Returns403AndChangesNothing()
    {
        var victim = await _server.RegisterInstanceAsync(NewName(), ("eth0", ["198.18.5.10/24"]));
        var victimName = (await DescribeAsync(victim)).InstanceName;
        var intruder = await _server.CreateTokenAsync(ApiRoles.Agent);
        await _server.CallOkAsync<AgentRegisterResponse>("agent/register", new AgentRegisterRequest { InstanceName = NewName() }, intruder);
        var before = await StoreSnapshot.TakeAsync(_server);

        var takeOver = await _server.CallAsync("agent/register", new AgentRegisterRequest
        {
            InstanceName = victimName,
            NetworkInterfaces = [new AgentNetworkInterface { DeviceName = "eth0", Addresses = ["198.18.5.66/24"] }],
        }, intruder);

        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden.NotAuthorized"), (takeOver.Status, takeOver.Error.Code));
        Assert.Contains("one agent token per instance", takeOver.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
        Assert.Equal("198.18.5.10", Assert.Single((await DescribeAsync(victim)).NetworkInterfaces).PrimaryIpAddress);
    }

    [Fact]
    public async Task Register_UnboundTokenForAnInstanceOfAnotherToken_Returns403NamingTheOwner()
    {
        var name = NewName();
        var instance = await _server.RegisterInstanceAsync(name);
        var fresh = await _server.CreateTokenAsync(ApiRoles.Agent);

        var result = await _server.CallAsync("agent/register", new AgentRegisterRequest { InstanceName = name }, fresh);

        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden.NotAuthorized"), (result.Status, result.Error.Code));
        Assert.Contains(instance, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DesiredStateAndReport_TokenOfAnotherInstance_Return403()
    {
        var mine = await _server.RegisterInstanceAsync(NewName());
        var theirs = await _server.RegisterInstanceAsync(NewName());

        var poll = await _server.SendRawAsync(HttpMethod.Get, $"/api/agent/desired-state?instanceId={theirs}&wait=0", "", _server.AgentTokenOf(mine));
        var report = await _server.CallAsync("agent/report", new AgentReportRequest { InstanceId = theirs, AppliedRevision = 1 }, _server.AgentTokenOf(mine));

        Assert.Equal(HttpStatusCode.Forbidden, poll.Status);
        Assert.Equal((HttpStatusCode.Forbidden, "Forbidden.NotAuthorized"), (report.Status, report.Error.Code));
    }

    [Fact]
    public async Task Register_AfterDeleteInstance_TheSameTokenRegistersAgain()
    {
        var name = NewName();
        var instance = await _server.RegisterInstanceAsync(name);
        await _server.CallOkAsync<ApiResponse>("DeleteInstance", new DeleteInstanceRequest { InstanceId = instance });

        var again = await _server.CallOkAsync<AgentRegisterResponse>("agent/register", new AgentRegisterRequest { InstanceName = name }, _server.AgentTokenOf(instance));

        Assert.NotEqual(instance, again.InstanceId);
        var tokens = await _server.CallOkAsync<DescribeApiTokensResponse>("DescribeApiTokens", new { });
        Assert.Contains(tokens.Tokens, t => t.InstanceId == again.InstanceId);
    }

    private static string NewName() => "agent-" + Guid.NewGuid().ToString("N")[..8];

    private Task Join(string group, string instance) =>
        _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });

    private Task Report(string instance, params (string Name, long Packets)[] counters) =>
        _server.CallOkAsync<ApiResponse>("agent/report", new AgentReportRequest
        {
            InstanceId = instance,
            AppliedRevision = 1,
            Counters = [.. counters.Select(c => new RuleCounter { Name = c.Name, DeviceName = "eth0", Packets = c.Packets, Bytes = c.Packets * 60 })],
        }, _server.AgentTokenOf(instance));

    private async Task<InstanceInfo> DescribeAsync(string instance) =>
        Assert.Single((await _server.CallOkAsync<DescribeInstancesResponse>("DescribeInstances", new DescribeInstancesRequest { InstanceIds = [instance] })).Instances);

    private async Task<AgentDesiredStateResponse?> DesiredStateAsync(string instance, string? digest, int wait)
    {
        var result = await _server.SendRawAsync(HttpMethod.Get, $"/api/agent/desired-state?instanceId={instance}&digest={digest}&wait={wait}", "", _server.AgentTokenOf(instance));
        if (result.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        Assert.True(result.Status == HttpStatusCode.OK, result.ToString());
        return result.As<AgentDesiredStateResponse>();
    }
}
