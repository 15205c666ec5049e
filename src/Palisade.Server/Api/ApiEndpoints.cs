using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Contracts;
using Palisade.Contracts.Common;
using Palisade.Contracts.Instances;
using Palisade.Contracts.PrefixLists;
using Palisade.Contracts.SecurityGroups;
using Palisade.Contracts.Tokens;
using Palisade.Core;
using Palisade.Server.Application;
using Palisade.Server.Authentication;
using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Api;

/// <summary>
/// Every action of <see cref="ApiActions"/> as its own endpoint, POST /api/{Action}, with its request and response
/// types declared so that the OpenAPI document lists each operation with its schema. Endpoints only read the body,
/// call an application service and stamp the request id; all logic is in the services the console also uses.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>The POST actions, to tell a wrong method from an unknown action.</summary>
    private static readonly FrozenSet<string> PostActions = typeof(ApiActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name != nameof(ApiActions.RoutePrefix))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(a => !AgentEndpoints.IsAgentPath(a))
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static void MapPalisadeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiActions.RoutePrefix.TrimEnd('/')).WithTags("Palisade");

        NoBody<DescribeRegionsResponse>(api, ApiActions.DescribeRegions, ApiPolicies.Read,
            (s, ct) => s.GetRequiredService<RegionService>().DescribeAsync(ct));
        Map<CreateRegionRequest, ApiResponse>(api, ApiActions.CreateRegion, ApiPolicies.Admin,
            (s, r, ct) => s.GetRequiredService<RegionService>().CreateAsync(r, ct));

        Map<CreateSecurityGroupRequest, CreateSecurityGroupResponse>(api, ApiActions.CreateSecurityGroup, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupService>().CreateAsync(r, ct));
        Map<DescribeSecurityGroupsRequest, DescribeSecurityGroupsResponse>(api, ApiActions.DescribeSecurityGroups, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<SecurityGroupService>().DescribeAsync(r, ct));
        Map<DescribeSecurityGroupAttributeRequest, DescribeSecurityGroupAttributeResponse>(api, ApiActions.DescribeSecurityGroupAttribute, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<SecurityGroupService>().DescribeAttributeAsync(r, ct));
        Map<ModifySecurityGroupAttributeRequest, ApiResponse>(api, ApiActions.ModifySecurityGroupAttribute, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupService>().ModifyAttributeAsync(r, ct));
        Map<AuthorizeSecurityGroupRequest, AuthorizeSecurityGroupResponse>(api, ApiActions.AuthorizeSecurityGroup, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupRuleService>().AuthorizeAsync(r, Direction.Ingress, ct));
        Map<AuthorizeSecurityGroupRequest, AuthorizeSecurityGroupResponse>(api, ApiActions.AuthorizeSecurityGroupEgress, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupRuleService>().AuthorizeAsync(r, Direction.Egress, ct));
        Map<RevokeSecurityGroupRequest, ApiResponse>(api, ApiActions.RevokeSecurityGroup, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupRuleService>().RevokeAsync(r, Direction.Ingress, ct));
        Map<RevokeSecurityGroupRequest, ApiResponse>(api, ApiActions.RevokeSecurityGroupEgress, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupRuleService>().RevokeAsync(r, Direction.Egress, ct));
        Map<ModifySecurityGroupPolicyRequest, ApiResponse>(api, ApiActions.ModifySecurityGroupPolicy, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupService>().ModifyPolicyAsync(r, ct));
        Map<ModifySecurityGroupRuleRequest, ApiResponse>(api, ApiActions.ModifySecurityGroupRule, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupRuleService>().ModifyAsync(r, ct));
        Map<DeleteSecurityGroupRequest, ApiResponse>(api, ApiActions.DeleteSecurityGroup, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupService>().DeleteAsync(r, ct));
        Map<JoinSecurityGroupRequest, ApiResponse>(api, ApiActions.JoinSecurityGroup, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupMembershipService>().JoinAsync(r, ct));
        Map<JoinSecurityGroupRequest, ApiResponse>(api, ApiActions.LeaveSecurityGroup, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<SecurityGroupMembershipService>().LeaveAsync(r, ct));
        Map<DescribeSecurityGroupReferencesRequest, DescribeSecurityGroupReferencesResponse>(api, ApiActions.DescribeSecurityGroupReferences, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<SecurityGroupService>().DescribeReferencesAsync(r, ct));

        Map<DescribeInstancesRequest, DescribeInstancesResponse>(api, ApiActions.DescribeInstances, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<InstanceService>().DescribeAsync(r, ct));
        Map<ModifyNetworkInterfaceAttributeRequest, ApiResponse>(api, ApiActions.ModifyNetworkInterfaceAttribute, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<InstanceService>().ModifyNetworkInterfaceAsync(r, ct));
        Map<DeleteInstanceRequest, ApiResponse>(api, ApiActions.DeleteInstance, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<InstanceService>().DeleteAsync(r, ct));

        AnalysisEndpoints.Map(api);

        Map<CreatePrefixListRequest, CreatePrefixListResponse>(api, ApiActions.CreatePrefixList, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<PrefixListService>().CreateAsync(r, ct));
        Map<DescribePrefixListsRequest, DescribePrefixListsResponse>(api, ApiActions.DescribePrefixLists, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<PrefixListService>().DescribeAsync(r, ct));
        Map<ModifyPrefixListRequest, ApiResponse>(api, ApiActions.ModifyPrefixList, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<PrefixListService>().ModifyAsync(r, ct));
        Map<DeletePrefixListRequest, ApiResponse>(api, ApiActions.DeletePrefixList, ApiPolicies.Write,
            (s, r, ct) => s.GetRequiredService<PrefixListService>().DeleteAsync(r, ct));

        Map<CreateApiTokenRequest, CreateApiTokenResponse>(api, ApiActions.CreateApiToken, ApiPolicies.Admin, async (s, r, ct) =>
        {
            var token = await s.GetRequiredService<TokenService>().CreateAsync(r.Role, r.Description, ct).ConfigureAwait(false);
            return new CreateApiTokenResponse { TokenId = token.TokenId, Role = token.Role, Token = token.Token };
        });
        NoBody<DescribeApiTokensResponse>(api, ApiActions.DescribeApiTokens, ApiPolicies.Admin,
            (s, ct) => s.GetRequiredService<TokenService>().DescribeAsync(ct));
        Map<DeleteApiTokenRequest, ApiResponse>(api, ApiActions.DeleteApiToken, ApiPolicies.Admin,
            (s, r, ct) => s.GetRequiredService<TokenService>().DeleteAsync(r, ct));

        AgentEndpoints.Map(api);

        api.MapFallback("{**path}", UnknownActionAsync).RequireAuthorization(ApiPolicies.Any).ExcludeFromDescription();
    }

    public static RouteHandlerBuilder Map<TRequest, TResponse>(
        RouteGroupBuilder api, string action, string policy, Func<IServiceProvider, TRequest, CancellationToken, Task<TResponse>> handle,
        bool strict = true)
        where TRequest : class, new()
        where TResponse : ApiResponse
    {
        var options = strict ? ApiRequestReader.StrictOptions : ApiJson.Options;
        return api.MapPost("/" + action, async (HttpContext context) =>
            {
                var request = await ApiRequestReader.ReadAsync<TRequest>(context, action, options).ConfigureAwait(false);
                var response = await handle(context.RequestServices, request, context.RequestAborted).ConfigureAwait(false);
                response.RequestId = RequestIds.Of(context);
                return Results.Json(response, ApiJson.Options);
            })
            .WithName(action)
            .RequireAuthorization(policy)
            .Accepts<TRequest>("application/json")
            .Produces<TResponse>()
            .ProducesErrors();
    }

    /// <summary>An action without request fields; a body, if sent, must still be JSON but may hold anything.</summary>
    private static void NoBody<TResponse>(
        RouteGroupBuilder api, string action, string policy, Func<IServiceProvider, CancellationToken, Task<TResponse>> handle)
        where TResponse : ApiResponse =>
        Map<EmptyRequest, TResponse>(api, action, policy, (s, _, ct) => handle(s, ct), strict: false);

    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder) =>
        builder.Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status401Unauthorized)
            .Produces<ApiError>(StatusCodes.Status403Forbidden)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status409Conflict)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status500InternalServerError);

    private static Task UnknownActionAsync(HttpContext context)
    {
        var action = context.Request.Path.Value?[ApiActions.RoutePrefix.Length..] ?? "";
        if (PostActions.Contains(action) || AgentEndpoints.IsAgentPath(action))
        {
            return ApiErrorWriter.WriteAsync(context, ApiErrorStatus.MethodNotAllowed, "",
                $"{context.Request.Method} is not accepted here: call {RequestFields.Shorten(action)} with {(AgentEndpoints.IsGetPath(action) ? "GET" : "POST")}.");
        }

        return ApiErrorWriter.WriteAsync(context, ErrorCodes.UnknownAction, "Action",
            $"'{RequestFields.Shorten(action)}' is not an action of this API: call POST /api/<Action>; /openapi/v1.json lists every action.");
    }

    /// <summary>The body of actions without fields.</summary>
    private sealed class EmptyRequest;
}
