using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Contracts.Common;
using Palisade.Core;
using Palisade.Server.Persistence;

namespace Palisade.Server.Tests;

public sealed class ErrorHandlingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task UnknownAction_Authenticated_Returns404InvalidAction()
    {
        var result = await _server.CallAsync("DescribeEverything", new { });

        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Equal(ErrorCodes.UnknownAction, result.Error.Code);
        Assert.Contains("DescribeEverything", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownAction_WrongMethod_Returns405ApiError()
    {
        var result = await _server.SendRawAsync(HttpMethod.Get, "/api/CreateSecurityGroup", "");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, result.Status);
        Assert.Contains("POST", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_LargerThanOneMebibyte_Returns413AndTheServerGoesOn()
    {
        var body = "{\"Description\":\"" + new string('x', (1024 * 1024) + 10) + "\"}";

        var result = await _server.SendRawAsync(HttpMethod.Post, "/api/CreateSecurityGroup", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, result.Status);
        Assert.Equal("InvalidParameter.TooLarge", result.Error.Code);
        Assert.Equal(HttpStatusCode.OK, (await _server.CallAsync("DescribeRegions", null)).Status);
    }

    [Fact]
    public async Task Body_WrongTypeDeepInside_Returns400NamingTheJsonPath()
    {
        var result = await _server.SendRawAsync(HttpMethod.Post, "/api/AuthorizeSecurityGroup",
            "{\"SecurityGroupId\":\"sg-x\",\"Permissions\":[{\"IpProtocol\":\"tcp\"},{\"Priority\":{\"nested\":1}}]}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal(ErrorCodes.ParameterMalformed, result.Error.Code);
        Assert.Contains("$.Permissions[1].Priority", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_MistypedField_Returns400NamingIt()
    {
        var result = await _server.SendRawAsync(HttpMethod.Post, "/api/AuthorizeSecurityGroup",
            "{\"SecurityGroupId\":\"sg-x\",\"IpProtocol\":\"tcp\",\"PortRange\":\"22/22\",\"SourceCidr\":\"0.0.0.0/0\"}");

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("'SourceCidr' is not a field", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_InvalidUtf8_Returns400()
    {
        var result = await _server.SendBytesAsync(HttpMethod.Post, "/api/CreateSecurityGroup", [.. "{\"SecurityGroupName\":\""u8, 0xC3, 0x28, .. "\"}"u8]);

        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("UTF-8", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_NumbersAsStrings_AreAccepted()
    {
        var group = await _server.CreateGroupAsync();

        var result = await _server.SendRawAsync(HttpMethod.Post, "/api/AuthorizeSecurityGroup",
            $"{{\"securitygroupid\":\"{group}\",\"IpProtocol\":\"tcp\",\"PortRange\":\"22/22\",\"SourceCidrIp\":\"0.0.0.0/0\",\"Priority\":3}}");

        Assert.Equal(HttpStatusCode.OK, result.Status);
    }

    [Fact]
    public async Task EverySuccess_CarriesTheRequestIdOfItsHeader()
    {
        var result = await _server.CallAsync("DescribeRegions", null);

        Assert.True(Guid.TryParse(result.RequestIdHeader, out _));
        Assert.Equal(result.RequestIdHeader, result.As<ApiResponse>().RequestId);
    }

    [Fact]
    public async Task OpenApiDocument_ListsEveryActionWithItsSchema()
    {
        var result = await _server.SendRawAsync(HttpMethod.Get, "/openapi/v1.json", "");
        using var document = JsonDocument.Parse(result.Body);
        var paths = document.RootElement.GetProperty("paths");
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var missing = typeof(ApiActions).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.Name != nameof(ApiActions.RoutePrefix))
            .Select(f => "/api/" + (string)f.GetRawConstantValue()!)
            .Where(p => !paths.TryGetProperty(p, out _))
            .ToList();

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Empty(missing);
        var authorize = paths.GetProperty("/api/AuthorizeSecurityGroup").GetProperty("post");
        Assert.True(authorize.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(schemas.TryGetProperty("AuthorizeSecurityGroupRequest", out var request));
        Assert.True(request.GetProperty("properties").TryGetProperty("SourceCidrIp", out _), "Field names are PascalCase in the schema.");
        Assert.True(schemas.TryGetProperty("ApiError", out _));
    }

    [Fact]
    public async Task UnexpectedFailure_Returns500WithRequestIdAndNoStackTrace_AndTheServerKeepsServing()
    {
        await using var server = await TestServer.StartAsync(createRoleTokens: false);
        await server.WithScopeAsync(s => s.GetRequiredService<PalisadeDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE PrefixListEntries"));

        var result = await server.CallAsync("DescribePrefixLists", new { });

        Assert.Equal(HttpStatusCode.InternalServerError, result.Status);
        Assert.Equal(ErrorCodes.InternalError, result.Error.Code);
        Assert.Contains(result.RequestIdHeader!, result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sqlite", result.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await server.CallAsync("DescribeSecurityGroups", new { })).Status);
    }

    [Fact]
    public async Task ConcurrentWrites_ToOneGroup_AllLandExactlyOnce()
    {
        var group = await _server.CreateGroupAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(p => _server.CallAsync("AuthorizeSecurityGroup",
            new Palisade.Contracts.SecurityGroups.AuthorizeSecurityGroupRequest { SecurityGroupId = group, Permissions = [TestServer.Tcp(p), TestServer.Tcp(1)] })));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var rules = await _server.CallOkAsync<Palisade.Contracts.SecurityGroups.DescribeSecurityGroupAttributeResponse>("DescribeSecurityGroupAttribute",
            new Palisade.Contracts.SecurityGroups.DescribeSecurityGroupAttributeRequest { SecurityGroupId = group });
        Assert.Equal(20, rules.Permissions.Count);
    }
}
