using System.Text.Json;
using Palisade.Agent.Commands;
using Palisade.SecurityGroups.Nftables;

namespace Palisade.Agent.Firewall;

/// <summary>
/// The kernel side: replaces the agent's table with one <c>nft -f -</c> (one transaction, so a script with an
/// error anywhere leaves the old ruleset and its counters untouched), and reads the table's named counters.
/// Touches nothing outside <c>table inet {TableName}</c>.
/// </summary>
internal sealed class NftFirewall(CommandRunner runner, string nftPath, string tableName)
{
    public string TableName { get; } = tableName;

    /// <summary>Loads <paramref name="script"/>; on failure the result carries nft's error message.</summary>
    public Task<CommandResult> ApplyAsync(string script, CancellationToken cancellationToken) =>
        runner.RunAsync(nftPath, ["-f", "-"], script, cancellationToken: cancellationToken);

    /// <summary>Whether the kernel has the table (with its chains); null when nft could not be asked.</summary>
    /// <remarks>
    /// Asks for the chains, not the tables: nft 1.0.6 fetches the whole ruleset — every rule and set element — to
    /// list tables (about 100 ms of CPU for a 10,000-rule table), but only tables and chains to list chains (a few
    /// ms). A compiled table always has its input and output chains, so a table without chains is not ours anyway
    /// and is rightly replaced.
    /// </remarks>
    public async Task<bool?> TableExistsAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(nftPath, ["-j", "list", "chains", "inet"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? ListsTable(result.StandardOutput, TableName) : null;
    }

    /// <summary>The table's named counters; empty when the table does not exist, null when nft failed otherwise.</summary>
    public async Task<IReadOnlyList<NftCounterValue>?> ReadCountersAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(nftPath, ["-j", "list", "counters", "table", "inet", TableName], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.StandardError.Contains("No such file or directory", StringComparison.Ordinal) ? [] : null;
        }

        try
        {
            return NftCounterReader.Parse(result.StandardOutput);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads <c>nft -j list chains</c> (a chain names its table: {"chain": {"family": "inet", "table": …, "name": …}})
    /// or <c>nft -j list tables</c> ({"table": {"family": "inet", "name": …}}): true when either names the table.
    /// </summary>
    internal static bool? ListsTable(string json, string tableName)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty("nftables", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            return items.EnumerateArray().Any(item =>
                item.ValueKind == JsonValueKind.Object
                && (Names(item, "table", "name", tableName) || Names(item, "chain", "table", tableName)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="item"/> is {"<paramref name="kind"/>": {"family": "inet", "<paramref name="property"/>": tableName}}.</summary>
    private static bool Names(JsonElement item, string kind, string property, string tableName) =>
        item.TryGetProperty(kind, out var value) && value.ValueKind == JsonValueKind.Object
        && value.TryGetProperty("family", out var family) && family.ValueKind == JsonValueKind.String && family.GetString() == "inet"
        && value.TryGetProperty(property, out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == tableName;
}
