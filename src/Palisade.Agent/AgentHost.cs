using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Palisade.Agent.Commands;
using Palisade.Agent.ControlPlane;
using Palisade.Agent.Firewall;
using Palisade.Agent.Inventory;
using Palisade.Agent.State;

namespace Palisade.Agent;

/// <summary>
/// The instance agent as a host the CLI runs (<c>palisade agent</c>). It must run as root: it replaces the
/// kernel's <c>table inet palisade</c> with nft and reads the NICs with ip. Everything else in the kernel's ruleset
/// is left alone.
/// </summary>
public static class AgentHost
{
    public const int ExitOk = 0;

    /// <summary>The options were not valid; nothing was started.</summary>
    public const int ExitUsage = 2;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled or the process gets SIGTERM/SIGINT. Returns
    /// <see cref="ExitOk"/> after a clean stop, <see cref="ExitUsage"/> (after printing every problem to
    /// <see cref="AgentOptions.ErrorOutput"/>) when the options are not valid.
    /// </summary>
    public static async Task<int> RunAsync(AgentOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = AgentOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await options.ErrorOutput.WriteLineAsync("palisade agent: " + error.Message).ConfigureAwait(false);
            }

            return ExitUsage;
        }

        using var host = Build(options);
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        return ExitOk;
    }

    internal static IHost Build(AgentOptions options)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "palisade-agent",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }
        else
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffK ";
                console.UseUtcTimestamp = true;
            });
            builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        // One line per HTTP request of the long poll would drown the agent's own records.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Extensions.Http", LogLevel.Warning);

        AddAgentServices(builder.Services, options);
        return builder.Build();
    }

    /// <summary>The agent's parts, for the host and for tests that assemble only some of them.</summary>
    internal static IServiceCollection AddAgentServices(IServiceCollection services, AgentOptions options)
    {
        var baseAddress = options.Server.AbsoluteUri.EndsWith('/') ? options.Server : new Uri(options.Server.AbsoluteUri + "/");
        services.AddHttpClient(ControlPlaneClient.HttpClientName, http =>
        {
            http.BaseAddress = new Uri(baseAddress, Contracts.Common.ApiActions.RoutePrefix.TrimStart('/'));
            http.Timeout = Timeout.InfiniteTimeSpan; // each call has its own deadline; the long poll needs more than the default
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.Token);
            http.DefaultRequestHeaders.UserAgent.ParseAdd("palisade-agent");
            http.MaxResponseContentBufferSize = 64L * 1024 * 1024;
        });

        var time = options.TimeProvider;
        services.AddSingleton(options);
        services.AddSingleton(time);
        services.AddSingleton(new CommandRunner(options.CommandPrefix, time));
        services.AddSingleton(sp => new ControlPlaneClient(sp.GetRequiredService<IHttpClientFactory>(), time));
        services.AddSingleton(sp => new InventoryReader(sp.GetRequiredService<CommandRunner>(), options.IpPath));
        services.AddSingleton(sp => new NftFirewall(sp.GetRequiredService<CommandRunner>(), options.NftPath, options.TableName));
        services.AddSingleton(sp => new StateStore(options.StateDirectory, sp.GetRequiredService<ILogger<StateStore>>()));
        services.AddSingleton(sp => new RulesetEnforcer(
            sp.GetRequiredService<NftFirewall>(), sp.GetRequiredService<StateStore>(), time, sp.GetRequiredService<ILogger<RulesetEnforcer>>()));
        services.AddSingleton<AgentWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentWorker>());
        return services;
    }
}
