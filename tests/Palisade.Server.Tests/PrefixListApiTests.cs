using System.Net;
using Palisade.Contracts.Common;
using Palisade.Contracts.PrefixLists;
using Palisade.Contracts.SecurityGroups;
using Palisade.Core;

namespace Palisade.Server.Tests;

public sealed class PrefixListApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task CreatePrefixList_Entries_AreDescribedCanonically()
    {
        var id = await CreateAsync("IPv6", "2001:db8:0:0::1/48", "2001:2::/48");

        var list = await DescribeAsync(id);

        Assert.Equal(("IPv6", 10), (list.AddressFamily, list.MaxEntries));
        Assert.Equal(["2001:2::/48", "2001:db8::/48"], list.Entries.Select(e => e.Cidr).ToArray());
    }

    [Fact]
    public async Task CreatePrefixList_EntryOfTheOtherFamily_Returns400NamingTheEntryAndStoresNothing()
    {
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("CreatePrefixList", new CreatePrefixListRequest
        {
            PrefixListName = "mixed", MaxEntries = "5",
            Entry = [new PrefixListEntryInput { Cidr = "192.0.2.0/24" }, new PrefixListEntryInput { Cidr = "2001:db8::/32" }, new PrefixListEntryInput { Cidr = "nonsense" }],
        });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(ErrorCodes.PrefixListEntryMalformed, result.Error.Code);
        Assert.Equal(["Entry[1].Cidr", "Entry[2].Cidr"], result.Error.Errors.Select(e => e.Field).ToArray());
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task CreatePrefixList_MoreEntriesThanMax_Returns400()
    {
        var result = await _server.CallAsync("CreatePrefixList", new CreatePrefixListRequest
        {
            PrefixListName = "small", MaxEntries = "1",
            Entry = [new PrefixListEntryInput { Cidr = "192.0.2.0/24" }, new PrefixListEntryInput { Cidr = "198.51.100.0/24" }],
        });

        Assert.Equal(ErrorCodes.PrefixListEntryMalformed, result.Error.Code);
    }

    [Fact]
    public async Task ModifyPrefixList_AddAndRemove_ChangesEntries()
    {
        var id = await CreateAsync("IPv4", "192.0.2.0/24", "198.51.100.0/24");

        await _server.CallOkAsync<ApiResponse>("ModifyPrefixList", new ModifyPrefixListRequest
        {
            PrefixListId = id, PrefixListName = "renamed",
            RemoveEntry = [new PrefixListEntryInput { Cidr = "192.0.2.0/24" }],
            AddEntry = [new PrefixListEntryInput { Cidr = "203.0.113.0/24", Description = "office" }],
        });

        var list = await DescribeAsync(id);
        Assert.Equal("renamed", list.PrefixListName);
        Assert.Equal(["198.51.100.0/24", "203.0.113.0/24"], list.Entries.Select(e => e.Cidr).ToArray());
    }

    [Fact]
    public async Task ModifyPrefixList_PastMaxEntries_Returns400AndStoresNothing()
    {
        var id = await CreateAsync("IPv4", "192.0.2.0/24");
        var before = await StoreSnapshot.TakeAsync(_server);

        var result = await _server.CallAsync("ModifyPrefixList", new ModifyPrefixListRequest
        {
            PrefixListId = id, AddEntry = [.. Enumerable.Range(1, 10).Select(i => new PrefixListEntryInput { Cidr = $"10.{i}.0.0/16" })],
        });

        Assert.Equal(ErrorCodes.PrefixListEntryMalformed, result.Error.Code);
        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task DeletePrefixList_UsedByARule_DependencyViolation_ThenDeletedAfterRevoke()
    {
        var id = await CreateAsync("IPv4", "192.0.2.0/24");
        var group = await _server.CreateGroupAsync();
        var rule = new PermissionInput { IpProtocol = "tcp", PortRange = "443/443", SourcePrefixListId = id };
        await _server.AuthorizeAsync(group, rule);

        var refused = await _server.CallAsync("DeletePrefixList", new DeletePrefixListRequest { PrefixListId = id });
        await _server.CallOkAsync<ApiResponse>("RevokeSecurityGroup", new RevokeSecurityGroupRequest { SecurityGroupId = group, Permissions = [rule] });
        await _server.CallOkAsync<ApiResponse>("DeletePrefixList", new DeletePrefixListRequest { PrefixListId = id });

        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.DependencyViolation), (refused.Status, refused.Error.Code));
        Assert.Contains(group, refused.Error.Message, StringComparison.Ordinal);
        var gone = await _server.CallAsync("DeletePrefixList", new DeletePrefixListRequest { PrefixListId = id });
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.PrefixListNotFound), (gone.Status, gone.Error.Code));
    }

    private async Task<string> CreateAsync(string family, params string[] cidrs) =>
        (await _server.CallOkAsync<CreatePrefixListResponse>("CreatePrefixList", new CreatePrefixListRequest
        {
            PrefixListName = "list", AddressFamily = family, MaxEntries = "10", Description = "test",
            Entry = [.. cidrs.Select(c => new PrefixListEntryInput { Cidr = c })],
        })).PrefixListId;

    private async Task<PrefixListInfo> DescribeAsync(string id) =>
        Assert.Single((await _server.CallOkAsync<DescribePrefixListsResponse>("DescribePrefixLists", new DescribePrefixListsRequest { PrefixListId = [id] })).PrefixLists);
}
