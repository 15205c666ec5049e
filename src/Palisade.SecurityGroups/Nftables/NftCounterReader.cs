using System.Text.Json;

namespace Palisade.SecurityGroups.Nftables;

/// <summary>Reads the output of <c>nft -j list counters table inet &lt;name&gt;</c>.</summary>
public static class NftCounterReader
{
    /// <summary>
    /// The named counters in the JSON, in the order nft listed them; other objects (metainfo, tables) are skipped.
    /// </summary>
    /// <exception cref="FormatException">The text is not nft's JSON output.</exception>
    public static IReadOnlyList<NftCounterValue> Parse(string nftJsonOutput)
    {
        ArgumentNullException.ThrowIfNull(nftJsonOutput);
        try
        {
            using var document = JsonDocument.Parse(nftJsonOutput);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("nftables", out var items)
                || items.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("nft JSON output must be an object with an \"nftables\" array.");
            }

            var counters = new List<NftCounterValue>();
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("counter", out var counter))
                {
                    counters.Add(new NftCounterValue(
                        counter.GetProperty("name").GetString() ?? "",
                        counter.GetProperty("packets").GetInt64(),
                        counter.GetProperty("bytes").GetInt64()));
                }
            }

            return counters;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"Not the JSON of 'nft -j list counters': {e.Message}", e);
        }
    }
}
