using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Palisade.Contracts;
using Palisade.Contracts.Agent;
using Palisade.Contracts.Common;
using Palisade.Contracts.Tokens;
using Palisade.Server.Application;
using Palisade.Server.Authentication;

namespace Palisade.Server.Api;

/// <summary>
/// The agent protocol: register, long-poll the desired state, report. Bodies may carry fields this server does not
/// know, so that a newer agent can talk to an older server.
/// </summary>
internal static class AgentEndpoints
{
    public static bool IsAgentPath(string action) =>
        action.Equals(ApiActions.AgentRegister, StringComparison.OrdinalIgnoreCase)
        || action.Equals(ApiActions.AgentReport, StringComparison.OrdinalIgnoreCase)
        || IsGetPath(action);

    public static bool IsGetPath(string action) => action.Equals(ApiActions.AgentDesiredState, StringComparison.OrdinalIgnoreCase);

    /// <summary>The agent token that sent the request; null for an admin token, which is not bound to an instance.</summary>
    private static AgentIdentity? Agent(HttpContext context) =>
        context.User.IsInRole(ApiRoles.Agent) && context.User.FindFirstValue(BearerTokenHandler.TokenIdClaim) is { } tokenId
            ? new AgentIdentity(tokenId, context.User.FindFirstValue(BearerTokenHandler.InstanceIdClaim))
            : null;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/" + ApiActions.AgentRegister, async (HttpContext context) =>
            {
                var request = await ApiRequestReader.ReadAsync<AgentRegisterRequest>(context, "agent/register", ApiJson.Options).ConfigureAwait(false);
                var response = await context.RequestServices.GetRequiredService<AgentService>()
                    .RegisterAsync(request, context.Connection.LocalIpAddress, Agent(context), context.RequestAborted).ConfigureAwait(false);
                response.RequestId = RequestIds.Of(context);
                return Results.Json(response, ApiJson.Options);
            })
            .WithName("AgentRegister")
            .RequireAuthorization(ApiPolicies.Agent)
            .Accepts<AgentRegisterRequest>("application/json")
            .Produces<AgentRegisterResponse>()
            .ProducesErrors();

        api.MapGet("/" + ApiActions.AgentDesiredState, async (
                HttpContext context, IHostApplicationLifetime lifetime,
                [FromQuery] string? instanceId, [FromQuery] string? digest, [FromQuery] string? wait) =>
            {
                // A shutting-down server ends its polls at once (as "no change") instead of holding up the stop.
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
                AgentDesiredStateResponse? response;
                try
                {
                    response = await context.RequestServices.GetRequiredService<DesiredStateService>()
                        .WaitForChangeAsync(instanceId, digest, wait, Agent(context), linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
                {
                    response = null;
                }

                if (response is null)
                {
                    return Results.StatusCode(StatusCodes.Status304NotModified);
                }

                response.RequestId = RequestIds.Of(context);
                return Results.Json(response, ApiJson.Options);
            })
            .WithName("AgentDesiredState")
            .RequireAuthorization(ApiPolicies.Agent)
            .Produces<AgentDesiredStateResponse>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesErrors();

        api.MapPost("/" + ApiActions.AgentReport, async (HttpContext context) =>
            {
                var request = await ApiRequestReader.ReadAsync<AgentReportRequest>(context, "agent/report", ApiJson.Options).ConfigureAwait(false);
                var response = await context.RequestServices.GetRequiredService<AgentService>().ReportAsync(request, Agent(context), context.RequestAborted).ConfigureAwait(false);
                response.RequestId = RequestIds.Of(context);
                return Results.Json(response, ApiJson.Options);
            })
            .WithName("AgentReport")
            .RequireAuthorization(ApiPolicies.Agent)
            .Accepts<AgentReportRequest>("application/json")
            .Produces<ApiResponse>()
            .ProducesErrors();
    }
}
