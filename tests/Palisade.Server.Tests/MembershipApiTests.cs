using System.Net;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;

namespace Palisade.Server.Tests;

public sealed class MembershipApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task JoinSecurityGroup_ByInstance_PutsEveryNicInTheGroupOnce()
    {
        var group = await _server.CreateGroupAsync();
        var instance = await RegisterTwoNicInstanceAsync();

        await Join(group, instance);
        await Join(group, instance);

        var info = await DescribeAsync(instance);
        Assert.Equal([group], info.SecurityGroupIds);
        Assert.All(info.NetworkInterfaces, n => Assert.Equal([group], n.SecurityGroupIds));
        var attribute = await _server.CallOkAsync<DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute", new DescribeSecurityGroupAttributeRequest { SecurityGroupId = group });
        Assert.Equal([instance], attribute.InstanceIds);
    }

    [Fact]
    public async Task JoinSecurityGroup_ByNic_PutsOnlyThatNicInTheGroup()
    {
        var group = await _server.CreateGroupAsync();
        var instance = await RegisterTwoNicInstanceAsync();
        var secondary = (await DescribeAsync(instance)).NetworkInterfaces[1];

        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, NetworkInterfaceId = secondary.NetworkInterfaceId });

        var nics = (await DescribeAsync(instance)).NetworkInterfaces;
        Assert.Equal(("Primary", 0), (nics[0].Type, nics[0].SecurityGroupIds.Count));
        Assert.Equal("Secondary", nics[1].Type);
        Assert.Equal([group], nics[1].SecurityGroupIds);
    }

    [Fact]
    public async Task JoinSecurityGroup_EleventhGroup_QuotaExceedAndNothingStored()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        for (var i = 0; i < 10; i++)
        {
            await Join(await _server.CreateGroupAsync($"g{i}"), instance);
        }

        var eleventh = await _server.CreateGroupAsync("g10");
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = eleventh, InstanceId = instance });

        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        Assert.Equal(ErrorCodes.NicSecurityGroupQuotaExceeded, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task JoinSecurityGroup_EnterpriseOnBasicNic_TypeMismatchAndNothingStored()
    {
        var instance = await _server.RegisterInstanceAsync(NewName());
        await Join(await _server.CreateGroupAsync("basic"), instance);
        var enterprise = await _server.CreateGroupAsync("ent", "enterprise");
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = enterprise, InstanceId = instance });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Equal(ErrorCodes.SecurityGroupTypeMismatch, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task LeaveSecurityGroup_LastGroup_InstanceLastSecurityGroupAndNothingStored()
    {
        var group = await _server.CreateGroupAsync();
        var instance = await _server.RegisterInstanceAsync(NewName());
        await Join(group, instance);
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("LeaveSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });

        Assert.Equal(HttpStatusCode.Conflict, result.Status);
        Assert.Equal(ErrorCodes.InstanceLastSecurityGroup, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task LeaveSecurityGroup_OneOfTwo_LeavesTheOther()
    {
        var first = await _server.CreateGroupAsync("first");
        var second = await _server.CreateGroupAsync("second");
        var instance = await _server.RegisterInstanceAsync(NewName());
        await Join(first, instance);
        await Join(second, instance);

        await _server.CallOkAsync<ApiResponse>("LeaveSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = first, InstanceId = instance });
        await _server.CallOkAsync<ApiResponse>("LeaveSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = first, InstanceId = instance });

        Assert.Equal([second], (await DescribeAsync(instance)).SecurityGroupIds);
    }

    [Fact]
    public async Task JoinSecurityGroup_UnknownInstanceOrNic_Returns404()
    {
        var group = await _server.CreateGroupAsync();

        var instance = await _server.CallAsync("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = "i-nothere000000000000" });
        var nic = await _server.CallAsync("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, NetworkInterfaceId = "eni-nothere000000000000" });

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.InstanceNotFound), (instance.Status, instance.Error.Code));
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NetworkInterfaceNotFound), (nic.Status, nic.Error.Code));
    }

    [Fact]
    public async Task JoinSecurityGroup_NeitherInstanceNorNic_MissingParameter()
    {
        var group = await _server.CreateGroupAsync();

        var result = await _server.CallAsync("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group });

        Assert.Equal(ErrorCodes.MissingParameter, result.Error.Code);
    }

    private static string NewName() => "member-" + Guid.NewGuid().ToString("N")[..8];

    private Task<string> RegisterTwoNicInstanceAsync() =>
        _server.RegisterInstanceAsync(NewName(), ("eth0", ["198.18.1.10/24"]), ("eth1", ["198.18.2.10/24", "2001:2::10/64"]));

    private Task Join(string group, string instance) =>
        _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });

    private async Task<InstanceInfo> DescribeAsync(string instance) =>
        Assert.Single((await _server.CallOkAsync<DescribeInstancesResponse>("DescribeInstances", new DescribeInstancesRequest { InstanceIds = [instance] })).Instances);
}
