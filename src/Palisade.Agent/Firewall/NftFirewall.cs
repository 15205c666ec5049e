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

    /// <summary>Whether the kernel has the table; null when nft could not be asked.</summary>
    public async Task<bool?> TableExistsAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(nftPath, ["-j", "list", "tables", "inet"], cancellationToken: cancellationToken).ConfigureAwait(false);
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

    /// <summary>Reads <c>nft -j list tables</c>: {"nftables": [{"metainfo": …}, {"table": {"family": "inet", "name": …}}]}.</summary>
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
                && item.TryGetProperty("table", out var table) && table.ValueKind == JsonValueKind.Object
                && table.TryGetProperty("family", out var family) && family.ValueKind == JsonValueKind.String && family.GetString() == "inet"
                && table.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == tableName);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
