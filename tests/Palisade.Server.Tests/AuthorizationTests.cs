using System.Net;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Contracts.Common;
using Palisade.Contracts.Tokens;
using Palisade.Core;
using Palisade.Server.Persistence;

namespace Palisade.Server.Tests;

public sealed class AuthorizationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Actions only an admin may call.</summary>
    private static readonly string[] AdminActions =
        [ApiActions.CreateRegion, ApiActions.CreateApiToken, ApiActions.DescribeApiTokens, ApiActions.DeleteApiToken];

    /// <summary>Actions that change security groups, instances or prefix lists: admin and operator.</summary>
    private static readonly string[] WriteActions =
    [
        ApiActions.CreateSecurityGroup, ApiActions.ModifySecurityGroupAttribute, ApiActions.AuthorizeSecurityGroup,
        ApiActions.AuthorizeSecurityGroupEgress, ApiActions.RevokeSecurityGroup, ApiActions.RevokeSecurityGroupEgress,
        ApiActions.ModifySecurityGroupPolicy, ApiActions.ModifySecurityGroupRule, ApiActions.DeleteSecurityGroup,
        ApiActions.JoinSecurityGroup, ApiActions.LeaveSecurityGroup, ApiActions.ModifyNetworkInterfaceAttribute,
        ApiActions.DeleteInstance, ApiActions.CreatePrefixList, ApiActions.ModifyPrefixList, ApiActions.DeletePrefixList,
    ];

    private static readonly string[] AgentPaths = [ApiActions.AgentRegister, ApiActions.AgentReport];

    private readonly TestServer _server = fixture.Server;

    public static IEnumerable<object[]> EveryRoute() =>
        AllActions().Select(a => new object[] { a == ApiActions.AgentDesiredState ? "GET" : "POST", "/api/" + a })
            .Append(["GET", "/openapi/v1.json"])
            .Append(["POST", "/api/NoSuchAction"]);

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Route_Anonymous_Returns401ApiError(string method, string path)
    {
        var result = await _server.SendRawAsync(new HttpMethod(method), path, "{}", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
        Assert.Equal(ErrorCodes.Unauthenticated, result.Error.Code);
        Assert.Equal(result.RequestIdHeader, result.Error.RequestId);
    }

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task Route_UnknownToken_Returns401(string method, string path)
    {
        var result = await _server.SendRawAsync(new HttpMethod(method), path, "{}", token: "pal_not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, result.Status);
    }

    [Fact]
    public async Task ReadOnlyToken_WriteAndAdminActions_Return403AndStoreNothing()
    {
        var before = await StoreSnapshot.TakeAsync(_server);

        foreach (var action in WriteActions.Concat(AdminActions).Concat(AgentPaths))
        {
            var result = await _server.CallAsync(action, new { }, _server.ReadOnlyToken);
            Assert.True(result.Status == HttpStatusCode.Forbidden, $"{action}: {result}");
            Assert.Equal(ErrorCodes.Forbidden, result.Error.Code);
        }

        Assert.Equal(before, await StoreSnapshot.TakeAsync(_server));
    }

    [Fact]
    public async Task ReadOnlyToken_ReadActions_AreAllowed()
    {
        foreach (var action in ReadActions())
        {
            var result = await _server.CallAsync(action, new { }, _server.ReadOnlyToken);
            Assert.True(result.Status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{action}: {result}");
        }
    }

    [Fact]
    public async Task AgentToken_EveryNonAgentAction_Returns403()
    {
        foreach (var action in AllActions().Where(a => !a.StartsWith("agent/", StringComparison.Ordinal)))
        {
            var result = await _server.CallAsync(action, new { }, _server.AgentToken);
            Assert.True(result.Status == HttpStatusCode.Forbidden, $"{action}: {result}");
        }
    }

    [Fact]
    public async Task OperatorToken_TokenActions_Return403ButWritesAreAllowed()
    {
        foreach (var action in AdminActions)
        {
            var result = await _server.CallAsync(action, new { }, _server.OperatorToken);
            Assert.True(result.Status == HttpStatusCode.Forbidden, $"{action}: {result}");
        }

        var created = await _server.CallAsync(ApiActions.CreateSecurityGroup, new { SecurityGroupName = "by-operator" }, _server.OperatorToken);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var agent = await _server.CallAsync(ApiActions.AgentRegister, new { InstanceName = "by-operator" }, _server.OperatorToken);
        Assert.Equal(HttpStatusCode.Forbidden, agent.Status);
    }

    [Fact]
    public async Task CreateApiToken_Secret_IsShownOnceAndStoredOnlyAsAHash()
    {
        var created = await _server.CallOkAsync<CreateApiTokenResponse>("CreateApiToken", new CreateApiTokenRequest { Role = "read-only", Description = "dashboard" });

        Assert.StartsWith("pal_", created.Token, StringComparison.Ordinal);
        Assert.Equal(4 + 43, created.Token.Length);
        var listed = await _server.CallOkAsync<DescribeApiTokensResponse>("DescribeApiTokens", null);
        var token = Assert.Single(listed.Tokens, t => t.TokenId == created.TokenId);
        Assert.Equal(("read-only", "dashboard"), (token.Role, token.Description));
        Assert.DoesNotContain(created.Token, (await _server.CallAsync("DescribeApiTokens", null)).Body, StringComparison.Ordinal);
        var stored = await _server.WithScopeAsync(s => s.GetRequiredService<PalisadeDbContext>().ApiTokens.AsNoTracking().SingleAsync(t => t.TokenId == created.TokenId));
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.DoesNotContain(created.Token, stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _server.CallAsync("DescribeRegions", null, created.Token)).Status);
    }

    [Fact]
    public async Task DeleteApiToken_DeletedToken_Returns401()
    {
        var created = await _server.CallOkAsync<CreateApiTokenResponse>("CreateApiToken", new CreateApiTokenRequest { Role = "operator" });

        await _server.CallOkAsync<ApiResponse>("DeleteApiToken", new DeleteApiTokenRequest { TokenId = created.TokenId });

        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.CallAsync("DescribeRegions", null, created.Token)).Status);
        var again = await _server.CallAsync("DeleteApiToken", new DeleteApiTokenRequest { TokenId = created.TokenId });
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.TokenNotFound), (again.Status, again.Error.Code));
    }

    [Fact]
    public async Task CreateApiToken_UnknownRole_Returns400()
    {
        var result = await _server.CallAsync("CreateApiToken", new CreateApiTokenRequest { Role = "root" });

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("Role", result.Error.Errors[0].Field);
    }

    [Fact]
    public async Task Healthz_Anonymous_IsOk()
    {
        var response = await _server.Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static IEnumerable<string> AllActions() =>
        typeof(ApiActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(ApiActions.RoutePrefix))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static IEnumerable<string> ReadActions() =>
        AllActions().Where(a => !a.StartsWith("agent/", StringComparison.Ordinal) && !WriteActions.Contains(a) && !AdminActions.Contains(a));
}
