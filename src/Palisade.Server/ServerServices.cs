using Microsoft.Extensions.DependencyInjection;
using Palisade.Server.Application;
using Palisade.Server.Persistence;

namespace Palisade.Server;

/// <summary>The store and the application services, shared by the web host and the offline token command.</summary>
internal static class ServerServices
{
    public static IServiceCollection AddPalisadeStore(this IServiceCollection services, string databasePath, TimeProvider time)
    {
        services.AddSingleton(time);
        services.AddSingleton<StoreWriteGate>();
        services.AddSingleton<ConfigurationChangeSignal>();
        services.AddDbContext<PalisadeDbContext>(options => StoreProvider.Configure(options, databasePath));
        services.AddScoped<ConfigurationStore>();
        services.AddScoped<InstancePolicyBuilder>();
        services.AddScoped<RegionService>();
        services.AddScoped<SecurityGroupService>();
        services.AddScoped<SecurityGroupRuleService>();
        services.AddScoped<SecurityGroupMembershipService>();
        services.AddScoped<InstanceService>();
        services.AddScoped<PrefixListService>();
        services.AddScoped<TokenService>();
        services.AddScoped<AccountService>();
        services.AddScoped<AgentService>();
        services.AddScoped<DesiredStateService>();
        services.AddScoped<InstanceAnalysisService>();
        return services;
    }
}
