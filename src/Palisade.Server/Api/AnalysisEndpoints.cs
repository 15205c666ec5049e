using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Contracts.Analysis;
using Palisade.Contracts.Common;
using Palisade.Server.Application;
using Palisade.Server.Authentication;

namespace Palisade.Server.Api;

/// <summary>The read-only questions about an instance: a packet's fate, who reaches a port, what is exposed.</summary>
internal static class AnalysisEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        ApiEndpoints.Map<CheckInstanceAccessRequest, CheckInstanceAccessResponse>(api, ApiActions.CheckInstanceAccess, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<InstanceAnalysisService>().CheckAccessAsync(r, ct));
        ApiEndpoints.Map<DescribeEffectiveAccessRequest, DescribeEffectiveAccessResponse>(api, ApiActions.DescribeEffectiveAccess, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<InstanceAnalysisService>().DescribeEffectiveAccessAsync(r, ct));
        ApiEndpoints.Map<DescribeInstanceRisksRequest, DescribeInstanceRisksResponse>(api, ApiActions.DescribeInstanceRisks, ApiPolicies.Read,
            (s, r, ct) => s.GetRequiredService<InstanceAnalysisService>().DescribeRisksAsync(r, ct));
    }
}
