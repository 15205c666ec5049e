using System.Net;
using Palisade.Contracts.Common;
using Palisade.Contracts.PrefixLists;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;

namespace Palisade.Server.Tests;

public sealed class SecurityGroupRuleApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task AuthorizeSecurityGroup_TopLevelRule_IsStoredWithEveryField()
    {
        var id = await _server.CreateGroupAsync();

        var response = await _server.CallOkAsync<AuthorizeSecurityGroupResponse>("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "TCP", PortRange = "22/22", SourcePortRange = "1024/65535", SourceCidrIp = "203.0.113.7",
            DestCidrIp = "198.18.0.10/32", Policy = "Drop", Priority = "7", NicType = "intranet", Description = "ssh from office",
        });

        var ruleId = Assert.Single(response.SecurityGroupRuleIds);
        var rule = Assert.Single(await PermissionsAsync(id));
        Assert.Equal(ruleId, rule.SecurityGroupRuleId);
        Assert.Equal(("tcp", "22/22", "1024/65535", "203.0.113.7/32", "198.18.0.10/32", "drop", "7", "intranet", "ssh from office"),
            (rule.IpProtocol, rule.PortRange, rule.SourcePortRange, rule.SourceCidrIp, rule.DestCidrIp, rule.Policy, rule.Priority, rule.NicType, rule.Description));
        Assert.Equal("2026-11-27T12:00:00Z", rule.CreateTime);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_SameRuleAgain_ReturnsExistingIdWithoutAdding()
    {
        var id = await _server.CreateGroupAsync();
        var first = await _server.AuthorizeAsync(id, TestServer.Tcp(22, "198.18.0.0/24"));

        var second = await _server.AuthorizeAsync(id, TestServer.Tcp(22, "198.18.0.5/24") with { Description = "same traffic, new words" });

        Assert.Equal(first, second);
        Assert.Single(await PermissionsAsync(id));
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_DuplicateWithinOneRequest_AddsOneRule()
    {
        var id = await _server.CreateGroupAsync();

        var ids = await _server.AuthorizeAsync(id, TestServer.Tcp(80), TestServer.Tcp(80));

        Assert.Equal(ids[0], ids[1]);
        Assert.Single(await PermissionsAsync(id));
    }

    [Fact]
    public async Task AuthorizeSecurityGroupEgress_DestinationBlock_IsAnEgressRule()
    {
        var id = await _server.CreateGroupAsync();

        await _server.CallOkAsync<AuthorizeSecurityGroupResponse>("AuthorizeSecurityGroupEgress", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "udp", PortRange = "53/53", Ipv6DestCidrIp = "2001:2::/48", Policy = "drop",
        });

        var rule = Assert.Single(await PermissionsAsync(id));
        Assert.Equal(("egress", "2001:2::/48", "udp"), (rule.Direction, rule.Ipv6DestCidrIp, rule.IpProtocol));
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_SeveralBadPermissions_ReportsEveryProblemAndStoresNothing()
    {
        var id = await _server.CreateGroupAsync();
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id,
            Permissions =
            [
                TestServer.Tcp(22),
                new PermissionInput { IpProtocol = "tcpx", PortRange = "22/22", SourceCidrIp = "0.0.0.0/0" },
                new PermissionInput { IpProtocol = "tcp", PortRange = "200/1", SourceCidrIp = "10.0.0.300/8", Priority = "0" },
            ],
        });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        var error = result.Error;
        Assert.Equal(ErrorCodes.IpProtocolMalformed, error.Code);
        Assert.Equal(
            ["Permissions[1].IpProtocol", "Permissions[2].Priority", "Permissions[2].PortRange", "Permissions[2].SourceCidrIp"],
            error.Errors.Select(e => e.Field).ToArray());
        Assert.Contains(error.Errors, e => e.Code == ErrorCodes.PortRangeMalformed && e.Value == "200/1");
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Theory]
    [InlineData("icmp", "22/22", ErrorCodes.OperationDenied)]
    [InlineData("tcp", "", ErrorCodes.PortRangeMalformed)]
    [InlineData("tcp", "-1/-1", ErrorCodes.OperationDenied)]
    [InlineData("sctp", "1/1", ErrorCodes.IpProtocolMalformed)]
    public async Task AuthorizeSecurityGroup_ProtocolAndPortsDisagree_ReturnsTheKnownCode(string protocol, string ports, string code)
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = protocol, PortRange = ports, SourceCidrIp = "0.0.0.0/0",
        });

        Assert.Equal(code, result.Error.Code);
        Assert.Empty(await PermissionsAsync(id));
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_NoSource_MissingParameterSource()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest { SecurityGroupId = id, IpProtocol = "tcp", PortRange = "22/22" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(ErrorCodes.MissingSource, result.Error.Code);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_UnknownSourceGroup_Returns404AndStoresNothing()
    {
        var id = await _server.CreateGroupAsync();
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "tcp", PortRange = "22/22", SourceGroupId = "sg-missing0000000000000",
        });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.SourceGroupNotFound, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task AuthorizeSecurityGroupEgress_UnknownDestGroup_Returns404()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("AuthorizeSecurityGroupEgress", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "all", PortRange = "-1/-1", DestGroupId = "sg-missing0000000000000",
        });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.DestGroupNotFound, result.Error.Code);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_UnknownPrefixList_Returns404()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "tcp", PortRange = "443/443", SourcePrefixListId = "pl-missing0000000000000",
        });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.PrefixListNotFound, result.Error.Code);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_UnknownGroup_Returns404()
    {
        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = "sg-missing0000000000000", IpProtocol = "tcp", PortRange = "22/22", SourceCidrIp = "0.0.0.0/0",
        });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.SecurityGroupNotFound, result.Error.Code);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_SelfAndPrefixListReferences_AreAccepted()
    {
        var id = await _server.CreateGroupAsync();
        var list = await _server.CallOkAsync<CreatePrefixListResponse>("CreatePrefixList", new CreatePrefixListRequest
        {
            PrefixListName = "office", MaxEntries = "5", Entry = [new PrefixListEntryInput { Cidr = "203.0.113.0/24" }],
        });

        await _server.AuthorizeAsync(id,
            new PermissionInput { IpProtocol = "all", PortRange = "-1/-1", SourceGroupId = id },
            new PermissionInput { IpProtocol = "tcp", PortRange = "443/443", SourcePrefixListId = list.PrefixListId });

        var rules = await PermissionsAsync(id);
        Assert.Contains(rules, r => r.SourceGroupId == id);
        Assert.Contains(rules, r => r.SourcePrefixListId == list.PrefixListId);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_TwoHundredAndFirstRule_AuthorizationLimitExceedAndNothingStored()
    {
        var id = await _server.CreateGroupAsync();
        await _server.AuthorizeAsync(id, [.. Enumerable.Range(1, 100).Select(p => TestServer.Tcp(p))]);
        await _server.AuthorizeAsync(id, [.. Enumerable.Range(101, 100).Select(p => TestServer.Tcp(p))]);
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest { SecurityGroupId = id, Permissions = [TestServer.Tcp(201)] });

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Equal(ErrorCodes.AuthorizationLimitExceed, result.Error.Code);
        Assert.Contains("200", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
        Assert.Equal(200, (await PermissionsAsync(id)).Count);
        Assert.Single(await _server.AuthorizeAsync(id, TestServer.Tcp(1)));
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_MoreThanHundredPermissions_Returns400()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, Permissions = [.. Enumerable.Range(1, 101).Select(p => TestServer.Tcp(p))],
        });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("Permissions", result.Error.Errors[0].Field);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_TopLevelAndPermissions_Conflict()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "tcp", PortRange = "22/22", SourceCidrIp = "0.0.0.0/0", Permissions = [TestServer.Tcp(80)],
        });

        Assert.Equal(ErrorCodes.ParameterConflict, result.Error.Code);
    }

    [Fact]
    public async Task AuthorizeSecurityGroup_ThousandRulesOnOneNic_NextRuleOfAnyGroupIsRefused()
    {
        var instance = await _server.RegisterInstanceAsync("full-" + Guid.NewGuid().ToString("N")[..8]);
        for (var g = 0; g < 5; g++)
        {
            var group = await _server.CreateGroupAsync($"full{g}");
            await _server.AuthorizeAsync(group, [.. Enumerable.Range(1, 100).Select(p => TestServer.Tcp(p + (g * 1000)))]);
            await _server.AuthorizeAsync(group, [.. Enumerable.Range(101, 100).Select(p => TestServer.Tcp(p + (g * 1000)))]);
            await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });
        }

        var empty = await _server.CreateGroupAsync("empty");
        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = empty, InstanceId = instance });
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("AuthorizeSecurityGroup", new AuthorizeSecurityGroupRequest { SecurityGroupId = empty, Permissions = [TestServer.Tcp(9999)] });

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Equal(ErrorCodes.AuthorizationLimitExceed, result.Error.Code);
        Assert.Contains("1000", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));

        var loaded = await _server.CreateGroupAsync("loaded");
        await _server.AuthorizeAsync(loaded, TestServer.Tcp(1));
        var join = await _server.CallAsync("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = loaded, InstanceId = instance });
        Assert.Equal(ErrorCodes.AuthorizationLimitExceed, join.Error.Code);
    }

    [Fact]
    public async Task RevokeSecurityGroup_ById_RemovesOnlyThatRule()
    {
        var id = await _server.CreateGroupAsync();
        var ids = await _server.AuthorizeAsync(id, TestServer.Tcp(22), TestServer.Tcp(80));

        await _server.CallOkAsync<ApiResponse>("RevokeSecurityGroup", new RevokeSecurityGroupRequest { SecurityGroupId = id, SecurityGroupRuleId = [ids[0]] });

        Assert.Equal([ids[1]], (await PermissionsAsync(id)).Select(p => p.SecurityGroupRuleId).ToArray());
    }

    [Fact]
    public async Task RevokeSecurityGroup_ByContent_RemovesTheMatchingRule()
    {
        var id = await _server.CreateGroupAsync();
        await _server.AuthorizeAsync(id, TestServer.Tcp(22, "198.18.0.0/24"), TestServer.Tcp(80));

        await _server.CallOkAsync<ApiResponse>("RevokeSecurityGroup", new RevokeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "tcp", PortRange = "22/22", SourceCidrIp = "198.18.0.0/24",
        });

        Assert.Equal("80/80", Assert.Single(await PermissionsAsync(id)).PortRange);
    }

    [Fact]
    public async Task RevokeSecurityGroup_MissingRule_SucceedsAndChangesNoRule()
    {
        var id = await _server.CreateGroupAsync();
        await _server.AuthorizeAsync(id, TestServer.Tcp(80));

        await _server.CallOkAsync<ApiResponse>("RevokeSecurityGroup", new RevokeSecurityGroupRequest { SecurityGroupId = id, SecurityGroupRuleId = ["sgr-nothere00000000000"] });
        await _server.CallOkAsync<ApiResponse>("RevokeSecurityGroup", new RevokeSecurityGroupRequest { SecurityGroupId = id, Permissions = [TestServer.Tcp(443)] });

        Assert.Single(await PermissionsAsync(id));
    }

    [Fact]
    public async Task RevokeSecurityGroup_EgressRuleId_ConflictNamesTheRightAction()
    {
        var id = await _server.CreateGroupAsync();
        var egress = await _server.CallOkAsync<AuthorizeSecurityGroupResponse>("AuthorizeSecurityGroupEgress", new AuthorizeSecurityGroupRequest
        {
            SecurityGroupId = id, IpProtocol = "tcp", PortRange = "25/25", DestCidrIp = "0.0.0.0/0", Policy = "drop",
        });

        var result = await _server.CallAsync("RevokeSecurityGroup", new RevokeSecurityGroupRequest { SecurityGroupId = id, SecurityGroupRuleId = egress.SecurityGroupRuleIds });
        await _server.CallOkAsync<ApiResponse>("RevokeSecurityGroupEgress", new RevokeSecurityGroupRequest { SecurityGroupId = id, SecurityGroupRuleId = egress.SecurityGroupRuleIds });

        Assert.Equal(ErrorCodes.ParameterConflict, result.Error.Code);
        Assert.Contains("RevokeSecurityGroupEgress", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(await PermissionsAsync(id));
    }

    [Fact]
    public async Task RevokeSecurityGroup_NothingNamed_MissingParameter()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("RevokeSecurityGroup", new RevokeSecurityGroupRequest { SecurityGroupId = id });

        Assert.Equal(ErrorCodes.MissingParameter, result.Error.Code);
    }

    [Fact]
    public async Task ModifySecurityGroupRule_NewPriority_KeepsIdAndOtherFields()
    {
        var id = await _server.CreateGroupAsync();
        var ruleId = (await _server.AuthorizeAsync(id, TestServer.Tcp(22, "198.18.0.0/24") with { Description = "ssh" }))[0];

        await _server.CallOkAsync<ApiResponse>("ModifySecurityGroupRule", new ModifySecurityGroupRuleRequest
        {
            SecurityGroupId = id, SecurityGroupRuleId = ruleId, Priority = "50", SourceGroupId = id,
        });

        var rule = Assert.Single(await PermissionsAsync(id));
        Assert.Equal((ruleId, "50", "22/22", "ssh", id, null), (rule.SecurityGroupRuleId, rule.Priority, rule.PortRange, rule.Description, rule.SourceGroupId, rule.SourceCidrIp));
    }

    [Fact]
    public async Task ModifySecurityGroupRule_ProtocolWithoutPorts_DropsThePortRange()
    {
        var id = await _server.CreateGroupAsync();
        var ruleId = (await _server.AuthorizeAsync(id, TestServer.Tcp(22)))[0];

        await _server.CallOkAsync<ApiResponse>("ModifySecurityGroupRule", new ModifySecurityGroupRuleRequest { SecurityGroupId = id, SecurityGroupRuleId = ruleId, IpProtocol = "icmp" });

        var rule = Assert.Single(await PermissionsAsync(id));
        Assert.Equal(("icmp", "-1/-1"), (rule.IpProtocol, rule.PortRange));
    }

    [Fact]
    public async Task ModifySecurityGroupRule_InvalidMergedRule_Returns400AndStoresNothing()
    {
        var id = await _server.CreateGroupAsync();
        var ruleId = (await _server.AuthorizeAsync(id, TestServer.Tcp(22)))[0];
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("ModifySecurityGroupRule", new ModifySecurityGroupRuleRequest
        {
            SecurityGroupId = id, SecurityGroupRuleId = ruleId, PortRange = "70000/70001",
        });

        Assert.Equal(ErrorCodes.PortRangeMalformed, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task ModifySecurityGroupRule_UnknownRule_Returns404()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("ModifySecurityGroupRule", new ModifySecurityGroupRuleRequest { SecurityGroupId = id, SecurityGroupRuleId = "sgr-nothere00000000000", Priority = "2" });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.RuleNotFound, result.Error.Code);
    }

    private async Task<List<Permission>> PermissionsAsync(string groupId) =>
        (await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = groupId })).Permissions;
}
