using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Palisade.Contracts;
using Palisade.Core;
using Palisade.Server.Api;
using Palisade.Server.Application;
using Palisade.Server.Authentication;
using Palisade.Server.Console;
using Palisade.Server.Persistence;

namespace Palisade.Server;

/// <summary>
/// The control plane as a host the CLI runs (<c>palisade server</c>): the REST API under /api, the agent protocol,
/// the console pages under /console, the OpenAPI document at /openapi/v1.json and GET /healthz.
/// </summary>
public static class ServerHost
{
    /// <summary>
    /// Builds the server: creates the data directory, migrates DIR/palisade.db, seeds region "local", the admin user
    /// and the bootstrap token. Start it with <c>StartAsync</c>; the console address and a generated admin password
    /// are printed to <see cref="ServerOptions.Output"/> once it listens.
    /// </summary>
    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var databasePath = StoreProvider.DatabasePathIn(dataDirectory);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter(typeof(BearerTokenHandler).FullName, LogLevel.Warning);

        // The keys sit next to the database they protect (cookies, antiforgery tokens) and are as sensitive as it is.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });

        var time = options.TimeProvider;
        builder.Services.AddSingleton(options);
        builder.Services.AddPalisadeStore(databasePath, time);
        builder.Services.ConfigureHttpJsonOptions(json => ApiJson.Configure(json.SerializerOptions));
        builder.Services.AddDataProtection()
            .SetApplicationName("Palisade")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        builder.Services.AddOpenApi();
        builder.Services.AddRouting(routing => routing.LowercaseUrls = true);
        builder.Services.AddAuthentication(AuthSchemes.ByPath)
            .AddPolicyScheme(AuthSchemes.ByPath, "API token or console cookie", scheme =>
                scheme.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api") ? AuthSchemes.Bearer : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(AuthSchemes.Bearer, bearer => bearer.TimeProvider = time)
            .AddCookie(AuthSchemes.Cookie, cookie =>
            {
                cookie.TimeProvider = time;
                cookie.LoginPath = AuthSchemes.ConsoleLoginPath;
                cookie.LogoutPath = AuthSchemes.ConsoleLogoutPath;
                cookie.AccessDeniedPath = AuthSchemes.ConsoleLoginPath;
                cookie.Cookie.Name = "palisade.session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
            });
        builder.Services.AddAuthorization(ApiPolicies.Add);
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "palisade.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/Console";
                pages.Conventions.Add(new ConsoleRouteConvention());
            })
            // The entry assembly (the CLI, or a test) may already contribute this assembly; list it exactly once.
            .ConfigureApplicationPartManager(parts =>
            {
                foreach (var part in parts.ApplicationParts.Where(p => p.Name == typeof(ServerHost).Assembly.GetName().Name).ToList())
                {
                    parts.ApplicationParts.Remove(part);
                }
            })
            .AddApplicationPart(typeof(ServerHost).Assembly);

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Palisade.Server");
        var generatedPassword = StoreInitializer.InitializeAsync(app.Services, options, logger, CancellationToken.None).GetAwaiter().GetResult();

        app.Use(RequestIds.AssignAsync);
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<ApiExceptionMiddleware>());
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/", () => Results.Redirect(AuthSchemes.ConsoleRoot)).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi().RequireAuthorization(ApiPolicies.Read);
        app.MapPalisadeApi();
        app.MapConsoleAssets();
        app.MapRazorPages();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            ServerLog.Listening(logger, string.Join(", ", addresses), dataDirectory);
            var output = options.Output;
            output.WriteLine($"Palisade console: {addresses.FirstOrDefault()?.TrimEnd('/')}{AuthSchemes.ConsoleRoot}");
            if (generatedPassword is not null)
            {
                output.WriteLine($"First start: log in as '{AccountService.AdminUserName}' with password '{generatedPassword}'.");
                output.WriteLine($"  It is shown only this once; set {ServerOptions.AdminPasswordVariable} before the first start to choose it instead.");
            }

            output.Flush();
        });
        return app;
    }

    /// <summary>Runs the server until <paramref name="cancellationToken"/> or a shutdown signal; 0 on a clean stop.</summary>
    public static async Task<int> RunAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplication app;
        try
        {
            app = Build(options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ValidationException or InvalidOperationException
                                       or Microsoft.Data.Sqlite.SqliteException)
        {
            await options.Output.WriteLineAsync($"palisade server: cannot open the data directory '{options.DataDirectory}': {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await options.Output.WriteLineAsync($"palisade server: cannot listen on {options.Urls}: {ex.Message}").ConfigureAwait(false);
                return 1;
            }

            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
    }

    /// <summary>
    /// Creates an API token directly in DIR/palisade.db, for <c>palisade token create --data DIR</c> on the server
    /// machine (no running server or existing token needed). The secret is returned once.
    /// </summary>
    public static async Task<CreatedToken> CreateTokenOfflineAsync(string dataDirectory, string role, string? description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var databasePath = StoreProvider.DatabasePathIn(Path.GetFullPath(dataDirectory));
        if (!File.Exists(databasePath))
        {
            throw new ValidationException(ErrorCodes.ParameterMalformed, "data", dataDirectory,
                $"There is no Palisade database in '{dataDirectory}' ({StoreProvider.DatabaseFileName} is missing): start `palisade server --data {dataDirectory}` once first, or give the server's --data directory.");
        }

        var services = new ServiceCollection().AddLogging().AddPalisadeStore(databasePath, TimeProvider.System);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(
            scope.ServiceProvider.GetRequiredService<PalisadeDbContext>().Database, cancellationToken).ConfigureAwait(false);
        return await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(role, description, cancellationToken).ConfigureAwait(false);
    }
}
