using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Palisade.Server.Persistence;

namespace Palisade.Server.Tests;

/// <summary>
/// Everything the store holds that a request could change, read straight from the SQLite file, so a test can show
/// that a refused request stored nothing. Times of use (token last used, agent last seen) are left out: they
/// change on every authenticated call by design.
/// </summary>
internal static class StoreSnapshot
{
    public static async Task<string> TakeAsync(TestServer server)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PalisadeDbContext>();
        var text = new StringBuilder();
        Append(text, "revision", await db.ConfigurationState.AsNoTracking().ToListAsync());
        Append(text, "regions", await db.Regions.AsNoTracking().OrderBy(r => r.RegionId).ToListAsync());
        Append(text, "groups", await db.SecurityGroups.AsNoTracking().OrderBy(g => g.SecurityGroupId).ToListAsync());
        Append(text, "rules", await db.SecurityGroupRules.AsNoTracking().OrderBy(r => r.SecurityGroupRuleId).ToListAsync());
        Append(text, "prefixLists", await db.PrefixLists.AsNoTracking().OrderBy(p => p.PrefixListId).ToListAsync());
        Append(text, "prefixListEntries", await db.PrefixListEntries.AsNoTracking().OrderBy(e => e.PrefixListId).ThenBy(e => e.Cidr).ToListAsync());
        Append(text, "instances", (await db.Instances.AsNoTracking().OrderBy(i => i.InstanceId).ToListAsync()).Select(i => { i.LastSeenUtc = null; return i; }));
        Append(text, "nics", await db.NetworkInterfaces.AsNoTracking().OrderBy(n => n.NetworkInterfaceId).ToListAsync());
        Append(text, "memberships", await db.NicSecurityGroups.AsNoTracking().OrderBy(m => m.NetworkInterfaceId).ThenBy(m => m.SecurityGroupId).ToListAsync());
        Append(text, "users", await db.ConsoleUsers.AsNoTracking().OrderBy(u => u.UserName).ToListAsync());
        Append(text, "tokens", (await db.ApiTokens.AsNoTracking().OrderBy(t => t.TokenId).ToListAsync()).Select(t => { t.LastUsedUtc = null; return t; }));
        Append(text, "counters", await db.RuleHitCounters.AsNoTracking().OrderBy(c => c.InstanceId).ThenBy(c => c.Name).ThenBy(c => c.DeviceName).ToListAsync());
        return text.ToString();
    }

    private static void Append<T>(StringBuilder text, string name, IEnumerable<T> rows) =>
        text.Append(name).Append(": ").AppendLine(JsonSerializer.Serialize(rows));
}
