using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Palisade.Contracts.Tokens;
using Palisade.Server.Application;
using Palisade.Server.Persistence;

namespace Palisade.Server;

/// <summary>
/// Brings the store up to date at start: the latest schema, region "local" when there is none, the admin user on
/// first start, and the bootstrap token when one is given and no token exists yet.
/// </summary>
internal static class StoreInitializer
{
    public const string LocalRegionId = "local";
    public const string LocalRegionName = "Local";

    /// <summary>Returns the generated admin password to print once, or null.</summary>
    public static async Task<string?> InitializeAsync(IServiceProvider services, ServerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<PalisadeDbContext>();
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        ServerLog.DatabaseReady(logger, db.Database.GetDbConnection().DataSource);

        var time = provider.GetRequiredService<TimeProvider>();
        if (!await db.Regions.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            db.Regions.Add(new RegionRecord { RegionId = LocalRegionId, LocalName = LocalRegionName, CreatedUtc = time.UtcNow() });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var password = await provider.GetRequiredService<AccountService>().EnsureAdminAsync(options.AdminPassword, cancellationToken).ConfigureAwait(false);
        if (password is not null)
        {
            ServerLog.AdminCreated(logger);
        }

        var tokens = provider.GetRequiredService<TokenService>();
        if (!string.IsNullOrWhiteSpace(options.BootstrapToken) && !await tokens.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            var secret = options.BootstrapToken.Trim();
            if (secret.Length < 20)
            {
                ServerLog.BootstrapTokenWeak(logger, secret.Length);
            }

            var token = await tokens.StoreAsync(secret, ApiRoles.Admin, $"from {ServerOptions.BootstrapTokenVariable}", cancellationToken).ConfigureAwait(false);
            ServerLog.BootstrapTokenStored(logger, token.TokenId);
        }

        return password;
    }
}
