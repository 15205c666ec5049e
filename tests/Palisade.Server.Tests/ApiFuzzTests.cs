using System.Globalization;
using System.Net;
using System.Text;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Contracts.PrefixLists;
using Palisade.Contracts.SecurityGroups;
using Xunit.Abstractions;

namespace Palisade.Server.Tests;

/// <summary>
/// Thousands of random and mutated bodies against every action: the server never answers 5xx, every refusal is
/// an ApiError with a code, a refused write stores nothing, and the server still answers afterwards.
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261127;
    private const int BodiesPerAction = 70;

    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryAction_RandomAndMutatedBodies_NoServerErrorAndRefusalsStoreNothing()
    {
        var world = await SeedWorldAsync();
        var random = new Random(Seed);
        var json = new RandomJson(random, world.Ids);
        var templates = Templates(world);
        var sent = 0;
        var refused = 0;

        foreach (var (action, template) in templates)
        {
            var token = action.StartsWith("agent/", StringComparison.Ordinal) ? _server.AgentToken : _server.AdminToken;
            var writes = !action.StartsWith("Describe", StringComparison.Ordinal) && !action.StartsWith("Check", StringComparison.Ordinal);
            var names = template.Select(f => f.Name).ToList();
            var before = writes ? await StoreSnapshot.TakeAsync(_server) : null;
            for (var i = 0; i < BodiesPerAction; i++)
            {
                var body = Body(random, json, template, names);
                var result = await _server.SendBytesAsync(HttpMethod.Post, "/api/" + action, body, token);
                sent++;
                var shown = Encoding.UTF8.GetString(body);
                shown = shown.Length > 300 ? shown[..300] + "…" : shown;
                Assert.True((int)result.Status < 500, $"{action} answered {result} to: {shown}");
                if (result.Status == HttpStatusCode.OK)
                {
                    before = writes ? await StoreSnapshot.TakeAsync(_server) : null;
                    continue;
                }

                refused++;
                var error = result.Error;
                Assert.False(string.IsNullOrEmpty(error.Code), $"{action} answered {result} without a code to: {shown}");
                Assert.Equal(result.RequestIdHeader, error.RequestId);
                if (writes)
                {
                    var after = await StoreSnapshot.TakeAsync(_server);
                    Assert.True(before == after, $"{action} refused ({error.Code}) but changed the store, for: {shown}");
                }
            }
        }

        for (var i = 0; i < 200; i++)
        {
            var query = $"instanceId={Uri.EscapeDataString(Pick(random, [.. world.Ids, "", "i-", json.String().Trim('"')]))}" +
                        $"&digest={Uri.EscapeDataString(json.String().Trim('"'))}&wait={Pick(random, ["0", "-1", "x", "99999999999", "", "0"])}";
            var result = await _server.SendRawAsync(HttpMethod.Get, "/api/agent/desired-state?" + query, "", _server.AgentToken);
            sent++;
            Assert.True((int)result.Status < 500, $"desired-state answered {result} to ?{query}");
        }

        output.WriteLine($"Seed {Seed}: {sent} requests, {refused} refused with an ApiError, none failed.");
        Assert.Equal(HttpStatusCode.OK, (await _server.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _server.CallAsync("DescribeRegions", null)).Status);
        Assert.True(refused > sent / 2, "Most random bodies should be refused; the generator may have stopped producing bad input.");
    }

    private static byte[] Body(Random random, RandomJson json, List<(string Name, string Json)> template, List<string> names)
    {
        switch (random.Next(20))
        {
            case < 10:
                return Encoding.UTF8.GetBytes(Mutate(random, json, template));
            case < 13:
                return Encoding.UTF8.GetBytes(json.Object(0, names));
            case < 15:
                return Encoding.UTF8.GetBytes(json.Value());
            case 15:
                return Encoding.UTF8.GetBytes(json.DeepNesting());
            case 16:
                var whole = Render(template);
                return Encoding.UTF8.GetBytes(whole[..random.Next(whole.Length)]);
            case 17:
                return Encoding.UTF8.GetBytes("[" + Render(template) + "]");
            default:
                return json.RawBytes();
        }
    }

    private static string Mutate(Random random, RandomJson json, List<(string Name, string Json)> template)
    {
        var fields = template.ToList();
        for (var m = random.Next(1, 4); m > 0 && fields.Count > 0; m--)
        {
            var index = random.Next(fields.Count);
            switch (random.Next(6))
            {
                case 0:
                    fields.RemoveAt(index);
                    break;
                case 1:
                    fields[index] = (fields[index].Name, json.Array(1));
                    break;
                case 2:
                    fields[index] = (fields[index].Name, json.Object(1));
                    break;
                case 3:
                    fields.Add(("Unknown" + random.Next(10).ToString(CultureInfo.InvariantCulture), json.Value()));
                    break;
                default:
                    fields[index] = (fields[index].Name, json.Value(1));
                    break;
            }
        }

        return Render(fields);
    }

    private static string Render(IEnumerable<(string Name, string Json)> fields) =>
        "{" + string.Join(",", fields.Select(f => $"\"{f.Name}\":{f.Json}")) + "}";

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private async Task<World> SeedWorldAsync()
    {
        var group = await _server.CreateGroupAsync("fuzz");
        var other = await _server.CreateGroupAsync("fuzz-other");
        var rules = await _server.AuthorizeAsync(group, TestServer.Tcp(22), TestServer.Tcp(80));
        var instance = await _server.RegisterInstanceAsync("fuzz-host", ("eth0", ["198.18.10.10/24"]), ("eth1", ["2001:2::10/64"]));
        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });
        var nic = (await _server.CallOkAsync<DescribeInstancesResponse>("DescribeInstances", new DescribeInstancesRequest { InstanceIds = [instance] }))
            .Instances[0].NetworkInterfaces[0].NetworkInterfaceId;
        var list = (await _server.CallOkAsync<CreatePrefixListResponse>("CreatePrefixList", new CreatePrefixListRequest
        {
            PrefixListName = "fuzz", MaxEntries = "5", Entry = [new PrefixListEntryInput { Cidr = "203.0.113.0/24" }],
        })).PrefixListId;
        var token = (await _server.CallOkAsync<Palisade.Contracts.Tokens.CreateApiTokenResponse>("CreateApiToken",
            new Palisade.Contracts.Tokens.CreateApiTokenRequest { Role = "read-only" })).TokenId;
        return new World(group, other, rules[0], instance, nic, list, token);
    }

    private static List<(string Action, List<(string Name, string Json)> Template)> Templates(World w)
    {
        static string S(string value) => "\"" + value + "\"";
        List<(string, string)> rule(string peerField, string peer) =>
            [("SecurityGroupId", S(w.Group)), ("IpProtocol", S("tcp")), ("PortRange", S("443/443")), (peerField, S(peer)),
             ("Policy", S("accept")), ("Priority", "5"), ("NicType", S("intranet")), ("Description", S("fuzz"))];
        var permissions = $"[{{\"IpProtocol\":\"udp\",\"PortRange\":\"53/53\",\"SourceCidrIp\":\"198.18.0.0/16\"}},{{\"IpProtocol\":\"all\",\"PortRange\":\"-1/-1\",\"SourceGroupId\":\"{w.Other}\"}}]";
        return
        [
            (ApiActions.DescribeRegions, [("RegionId", S("local"))]),
            (ApiActions.CreateRegion, [("RegionId", S("fuzz-region")), ("LocalName", S("Fuzz"))]),
            (ApiActions.CreateSecurityGroup, [("RegionId", S("local")), ("SecurityGroupName", S("g")), ("SecurityGroupType", S("normal")), ("ClientToken", S("c1")), ("Description", S("d"))]),
            (ApiActions.DescribeSecurityGroups, [("RegionId", S("local")), ("SecurityGroupIds", $"[{S(w.Group)}]"), ("PageNumber", "1"), ("PageSize", "10"), ("SecurityGroupName", S("fuzz"))]),
            (ApiActions.DescribeSecurityGroupAttribute, [("SecurityGroupId", S(w.Group)), ("Direction", S("ingress")), ("NicType", S("intranet"))]),
            (ApiActions.ModifySecurityGroupAttribute, [("SecurityGroupId", S(w.Other)), ("SecurityGroupName", S("renamed")), ("Description", S("d"))]),
            (ApiActions.AuthorizeSecurityGroup, rule("SourceCidrIp", "203.0.113.0/24")),
            (ApiActions.AuthorizeSecurityGroup, [("SecurityGroupId", S(w.Group)), ("Permissions", permissions)]),
            (ApiActions.AuthorizeSecurityGroupEgress, rule("DestPrefixListId", w.PrefixList)),
            (ApiActions.RevokeSecurityGroup, [("SecurityGroupId", S(w.Group)), ("SecurityGroupRuleId", $"[{S(w.Rule)}]")]),
            (ApiActions.RevokeSecurityGroupEgress, rule("DestCidrIp", "0.0.0.0/0")),
            (ApiActions.ModifySecurityGroupPolicy, [("SecurityGroupId", S(w.Other)), ("InnerAccessPolicy", S("Drop"))]),
            (ApiActions.ModifySecurityGroupRule, [("SecurityGroupId", S(w.Group)), ("SecurityGroupRuleId", S(w.Rule)), ("Priority", "9"), ("SourceCidrIp", S("198.18.0.0/15"))]),
            (ApiActions.DeleteSecurityGroup, [("SecurityGroupId", S(w.Other))]),
            (ApiActions.JoinSecurityGroup, [("SecurityGroupId", S(w.Other)), ("InstanceId", S(w.Instance))]),
            (ApiActions.LeaveSecurityGroup, [("SecurityGroupId", S(w.Group)), ("NetworkInterfaceId", S(w.Nic))]),
            (ApiActions.DescribeSecurityGroupReferences, [("SecurityGroupId", $"[{S(w.Other)}]")]),
            (ApiActions.DescribeInstances, [("InstanceIds", $"[{S(w.Instance)}]"), ("SecurityGroupId", S(w.Group)), ("InstanceName", S("fuzz-host"))]),
            (ApiActions.ModifyNetworkInterfaceAttribute, [("NetworkInterfaceId", S(w.Nic)), ("NicType", S("internet"))]),
            (ApiActions.CheckInstanceAccess, [("InstanceId", S(w.Instance)), ("IpProtocol", S("tcp")), ("Port", "22"), ("SourceIp", S("203.0.113.7")), ("Direction", S("ingress"))]),
            (ApiActions.DescribeEffectiveAccess, [("InstanceId", S(w.Instance)), ("IpProtocol", S("tcp")), ("Port", "22")]),
            (ApiActions.DescribeInstanceRisks, [("InstanceId", S(w.Instance))]),
            (ApiActions.CreatePrefixList, [("PrefixListName", S("p")), ("AddressFamily", S("IPv4")), ("MaxEntries", "3"), ("Entry", "[{\"Cidr\":\"192.0.2.0/24\"}]")]),
            (ApiActions.DescribePrefixLists, [("PrefixListId", $"[{S(w.PrefixList)}]")]),
            (ApiActions.ModifyPrefixList, [("PrefixListId", S(w.PrefixList)), ("AddEntry", "[{\"Cidr\":\"198.51.100.0/24\"}]"), ("RemoveEntry", "[{\"Cidr\":\"203.0.113.0/24\"}]")]),
            (ApiActions.DeletePrefixList, [("PrefixListId", S(w.PrefixList))]),
            (ApiActions.CreateApiToken, [("Role", S("read-only")), ("Description", S("fuzz"))]),
            (ApiActions.DescribeApiTokens, []),
            (ApiActions.DeleteApiToken, [("TokenId", S(w.Token))]),
            (ApiActions.AgentRegister, [("InstanceName", S("fuzz-host")), ("HostName", S("fuzz-host")), ("AgentVersion", S("1")),
                ("NetworkInterfaces", "[{\"DeviceName\":\"eth0\",\"MacAddress\":\"52:54:00:00:00:01\",\"Addresses\":[\"198.18.10.10/24\"]}]")]),
            (ApiActions.AgentReport, [("InstanceId", S(w.Instance)), ("AppliedRevision", "3"), ("AppliedDigest", S("ab")), ("Error", "null"),
                ("Counters", $"[{{\"Name\":\"{w.Rule}\",\"DeviceName\":\"eth0\",\"Packets\":5,\"Bytes\":300}}]")]),
            (ApiActions.DeleteInstance, [("InstanceId", S(w.Instance))]),
        ];
    }

    private sealed record World(string Group, string Other, string Rule, string Instance, string Nic, string PrefixList, string Token)
    {
        public IReadOnlyList<string> Ids => [Group, Other, Rule, Instance, Nic, PrefixList, Token];
    }
}
