using System.Net;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;

namespace Palisade.Server.Tests;

public sealed class SecurityGroupApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task CreateSecurityGroup_Basic_IsDescribedWithDefaults()
    {
        var id = await _server.CreateGroupAsync("web-basic");

        var list = await _server.CallOkAsync<DescribeSecurityGroupsResponse>("DescribeSecurityGroups",
            new DescribeSecurityGroupsRequest { SecurityGroupIds = [id] });

        var group = Assert.Single(list.SecurityGroups);
        Assert.Equal("web-basic", group.SecurityGroupName);
        Assert.Equal("normal", group.SecurityGroupType);
        Assert.Equal("Accept", group.InnerAccessPolicy);
        Assert.Equal("local", group.RegionId);
        Assert.Equal("2026-11-27T12:00:00Z", group.CreationTime);
        Assert.True(Guid.TryParse(list.RequestId, out _));
    }

    [Fact]
    public async Task CreateSecurityGroup_Enterprise_DropsIntraGroupTraffic()
    {
        var id = await _server.CreateGroupAsync("ent", "Enterprise");

        var group = await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = id });

        Assert.Equal("enterprise", group.SecurityGroupType);
        Assert.Equal("Drop", group.InnerAccessPolicy);
    }

    [Fact]
    public async Task CreateSecurityGroup_SameClientToken_ReturnsTheFirstGroup()
    {
        var request = new CreateSecurityGroupRequest { SecurityGroupName = "idem", ClientToken = "token-" + Guid.NewGuid() };
        var first = await _server.CallOkAsync<CreateSecurityGroupResponse>("CreateSecurityGroup", request);
        var before = await StoreSnapshot.TakeAsync(_server);

        var second = await _server.CallOkAsync<CreateSecurityGroupResponse>("CreateSecurityGroup", request);

        Assert.Equal(first.SecurityGroupId, second.SecurityGroupId);
        Assert.Equal(before.Split('\n')[1..], (await StoreSnapshot.TakeAsync(_server)).Split('\n')[1..]);
    }

    [Fact]
    public async Task CreateSecurityGroup_BadTypeAndName_Returns400WithEveryFieldAndStoresNothing()
    {
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("CreateSecurityGroup", new CreateSecurityGroupRequest { SecurityGroupType = "premium" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(ErrorCodes.SecurityGroupTypeMalformed, result.Error.Code);
        Assert.Contains("premium", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("enterprise", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(result.RequestIdHeader, result.Error.RequestId);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task CreateSecurityGroup_UnknownRegion_Returns404RegionNotFound()
    {
        var result = await _server.CallAsync("CreateSecurityGroup", new CreateSecurityGroupRequest { RegionId = "mars-1" });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.RegionNotFound, result.Error.Code);
    }

    [Fact]
    public async Task CreateSecurityGroup_HundredAndFirstInRegion_QuotaExceedAndNothingStored()
    {
        var region = "quota-" + Guid.NewGuid().ToString("N")[..8];
        await _server.CallOkAsync<ApiResponse>("CreateRegion", new CreateRegionRequest { RegionId = region, LocalName = "Quota" });
        for (var i = 0; i < 100; i++)
        {
            await _server.CallOkAsync<CreateSecurityGroupResponse>("CreateSecurityGroup", new CreateSecurityGroupRequest { RegionId = region, SecurityGroupName = $"g{i}" });
        }

        var before = await StoreSnapshot.TakeAsync(_server);
        var result = await _server.CallAsync("CreateSecurityGroup", new CreateSecurityGroupRequest { RegionId = region, SecurityGroupName = "one-too-many" });

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Equal(ErrorCodes.SecurityGroupQuotaExceeded, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
        var list = await _server.CallOkAsync<DescribeSecurityGroupsResponse>("DescribeSecurityGroups", new DescribeSecurityGroupsRequest { RegionId = region, PageSize = "100" });
        Assert.Equal(100, list.TotalCount);
    }

    [Fact]
    public async Task DescribeSecurityGroups_PageTwo_ReturnsTheRemainder()
    {
        var name = "paged-" + Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _server.CreateGroupAsync(name));
        }

        var page = await _server.CallOkAsync<DescribeSecurityGroupsResponse>("DescribeSecurityGroups",
            new DescribeSecurityGroupsRequest { SecurityGroupName = name, PageNumber = "2", PageSize = "2" });

        Assert.Equal(3, page.TotalCount);
        Assert.Equal(2, page.PageNumber);
        Assert.Single(page.SecurityGroups);
        Assert.Contains(page.SecurityGroups[0].SecurityGroupId, ids);
    }

    [Fact]
    public async Task DescribeSecurityGroups_PageSizeTooLarge_Returns400()
    {
        var result = await _server.CallAsync("DescribeSecurityGroups", new DescribeSecurityGroupsRequest { PageSize = "1000" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("PageSize", result.Error.Errors[0].Field);
    }

    [Fact]
    public async Task DescribeSecurityGroupAttribute_Rules_AreInEvaluationOrder()
    {
        var id = await _server.CreateGroupAsync();
        await _server.AuthorizeAsync(id,
            TestServer.Tcp(80, priority: 5),
            TestServer.Tcp(22, "198.18.0.0/24", "accept", 1),
            TestServer.Tcp(22, "0.0.0.0/0", "drop", 1),
            TestServer.Tcp(443, priority: 2));

        var group = await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = id });

        Assert.Equal(["22/22 drop", "22/22 accept", "443/443 accept", "80/80 accept"],
            group.Permissions.Select(p => $"{p.PortRange} {p.Policy}").ToArray());
        Assert.All(group.Permissions, p => Assert.Equal("ingress", p.Direction));
        Assert.All(group.Permissions, p => Assert.Equal(0, p.HitCount));
    }

    [Fact]
    public async Task DescribeSecurityGroupAttribute_UnknownGroup_Returns404()
    {
        var result = await _server.CallAsync("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = "sg-doesnotexist00000000" });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.SecurityGroupNotFound, result.Error.Code);
        Assert.Contains("sg-doesnotexist00000000", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModifySecurityGroupAttribute_NewNameAndDescription_AreDescribed()
    {
        var id = await _server.CreateGroupAsync("old");

        await _server.CallOkAsync<ApiResponse>("ModifySecurityGroupAttribute",
            new ModifySecurityGroupAttributeRequest { SecurityGroupId = id, SecurityGroupName = "new", Description = "front end" });

        var group = await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = id });
        Assert.Equal("new", group.SecurityGroupName);
        Assert.Equal("front end", group.Description);
    }

    [Fact]
    public async Task ModifySecurityGroupPolicy_BasicGroupDrop_IsStored()
    {
        var id = await _server.CreateGroupAsync();

        await _server.CallOkAsync<ApiResponse>("ModifySecurityGroupPolicy",
            new ModifySecurityGroupPolicyRequest { SecurityGroupId = id, InnerAccessPolicy = "drop" });

        var group = await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new DescribeSecurityGroupAttributeRequest { SecurityGroupId = id });
        Assert.Equal("Drop", group.InnerAccessPolicy);
    }

    [Fact]
    public async Task ModifySecurityGroupPolicy_EnterpriseAccept_OperationDeniedAndNothingStored()
    {
        var id = await _server.CreateGroupAsync("ent", "enterprise");
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("ModifySecurityGroupPolicy",
            new ModifySecurityGroupPolicyRequest { SecurityGroupId = id, InnerAccessPolicy = "Accept" });

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Equal(ErrorCodes.OperationDenied, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task ModifySecurityGroupPolicy_BadValue_Returns400()
    {
        var id = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("ModifySecurityGroupPolicy",
            new ModifySecurityGroupPolicyRequest { SecurityGroupId = id, InnerAccessPolicy = "maybe" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(ErrorCodes.InnerAccessPolicyMalformed, result.Error.Code);
    }

    [Fact]
    public async Task DeleteSecurityGroup_Unused_IsGone()
    {
        var id = await _server.CreateGroupAsync();
        await _server.AuthorizeAsync(id, TestServer.Tcp(22));

        await _server.CallOkAsync<ApiResponse>("DeleteSecurityGroup", new DeleteSecurityGroupRequest { SecurityGroupId = id });

        var result = await _server.CallAsync("DescribeSecurityGroupAttribute", new DescribeSecurityGroupAttributeRequest { SecurityGroupId = id });
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
    }

    [Fact]
    public async Task DeleteSecurityGroup_InstanceInIt_DependencyViolationNamingTheInstance()
    {
        var id = await _server.CreateGroupAsync();
        var instance = await _server.RegisterInstanceAsync("dep-" + Guid.NewGuid().ToString("N")[..8]);
        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = id, InstanceId = instance });
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("DeleteSecurityGroup", new DeleteSecurityGroupRequest { SecurityGroupId = id });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Equal(ErrorCodes.DependencyViolation, result.Error.Code);
        Assert.Contains(instance, result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task DeleteSecurityGroup_ReferencedByAnotherGroup_DependencyViolationNamingIt()
    {
        var target = await _server.CreateGroupAsync("db");
        var referrer = await _server.CreateGroupAsync("app");
        await _server.AuthorizeAsync(referrer, new PermissionInput { IpProtocol = "tcp", PortRange = "5432/5432", SourceGroupId = target });
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("DeleteSecurityGroup", new DeleteSecurityGroupRequest { SecurityGroupId = target });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Equal(ErrorCodes.DependencyViolation, result.Error.Code);
        Assert.Contains(referrer, result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task DeleteSecurityGroup_OnlySelfReference_IsAllowed()
    {
        var id = await _server.CreateGroupAsync();
        await _server.AuthorizeAsync(id, new PermissionInput { IpProtocol = "all", PortRange = "-1/-1", SourceGroupId = id });

        await _server.CallOkAsync<ApiResponse>("DeleteSecurityGroup", new DeleteSecurityGroupRequest { SecurityGroupId = id });
    }

    [Fact]
    public async Task DescribeSecurityGroupReferences_RuleNamingTheGroup_IsListed()
    {
        var target = await _server.CreateGroupAsync("db");
        var referrer = await _server.CreateGroupAsync("app");
        var ruleIds = await _server.AuthorizeAsync(referrer, new PermissionInput { IpProtocol = "tcp", PortRange = "5432/5432", SourceGroupId = target });

        var references = await _server.CallOkAsync<DescribeSecurityGroupReferencesResponse>("DescribeSecurityGroupReferences",
            new DescribeSecurityGroupReferencesRequest { SecurityGroupId = [target] });

        var reference = Assert.Single(references.SecurityGroupReferences);
        Assert.Equal(target, reference.SecurityGroupId);
        var referencing = Assert.Single(reference.ReferencingSecurityGroups);
        Assert.Equal(referrer, referencing.SecurityGroupId);
        Assert.Equal(ruleIds, referencing.SecurityGroupRuleIds);
    }

    [Fact]
    public async Task DescribeRegions_AfterCreateRegion_ListsBoth()
    {
        var region = "eu-" + Guid.NewGuid().ToString("N")[..6];
        await _server.CallOkAsync<ApiResponse>("CreateRegion", new CreateRegionRequest { RegionId = region, LocalName = "Europe" });

        var regions = await _server.CallOkAsync<DescribeRegionsResponse>("DescribeRegions", null);

        Assert.Contains(regions.Regions, r => r.RegionId == "local" && r.LocalName == "Local");
        Assert.Contains(regions.Regions, r => r.RegionId == region && r.LocalName == "Europe");
    }

    [Fact]
    public async Task CreateRegion_BadId_Returns400()
    {
        var result = await _server.CallAsync("CreateRegion", new CreateRegionRequest { RegionId = "Bad Region!" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("RegionId", result.Error.Errors[0].Field);
    }
}
