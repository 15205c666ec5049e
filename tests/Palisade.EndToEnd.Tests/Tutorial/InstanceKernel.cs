using System.Text.Json;
using System.Text.RegularExpressions;
using Palisade.TestSupport.Network;

namespace Palisade.EndToEnd.Tests.Tutorial;

/// <summary>What the instance's kernel enforces, read with nft inside its namespace: the agent's table and its counters.</summary>
internal static partial class InstanceKernel
{
    public const string Table = "palisade";

    /// <summary>The table with the 910 s connection time-out, which the agent creates once and never deletes.</summary>
    public const string TimeoutTable = "palisade_ct";

    public static async Task<bool> HasTableAsync(LabHost instance, string table) =>
        (await instance.RunAsync("nft", "list", "table", "inet", table)).Succeeded;

    /// <summary>Packets per named counter of <c>table inet palisade</c>; empty while the table does not exist.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountersAsync(LabHost instance)
    {
        var result = await instance.RunAsync("nft", "-j", "list", "counters", "table", "inet", Table);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!result.Succeeded)
        {
            return counters;
        }

        using var document = JsonDocument.Parse(result.StandardOutput);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("counter", out var counter))
            {
                counters[counter.GetProperty("name").GetString()!] = counter.GetProperty("packets").GetInt64();
            }
        }

        return counters;
    }

    /// <summary><c>nft list table inet palisade</c> with the counter values blanked, or "" when the table is missing.</summary>
    public static async Task<string> RulesetAsync(LabHost instance)
    {
        var result = await instance.RunAsync("nft", "list", "table", "inet", Table);
        return result.Succeeded ? CounterValues().Replace(result.StandardOutput, "packets _ bytes _") : "";
    }

    /// <summary>
    /// The nft counter of the entry a <c>sg check</c> answer names: "r_" + the rule id for a rule (docs/agent.md), the
    /// NIC's "…_in_default"/"…_out_default" counter for a group default (the instance has one NIC).
    /// </summary>
    public static string CounterOf(JsonElement check, bool egress, IReadOnlyDictionary<string, long> counters)
    {
        var decidedBy = check.GetProperty("DecidedBy").GetString();
        return decidedBy switch
        {
            "Rule" => "r_" + check.GetProperty("SecurityGroupRuleId").GetString(),
            "Default" => counters.Keys.Single(name => name.EndsWith(egress ? "_out_default" : "_in_default", StringComparison.Ordinal)),
            _ => throw new InvalidOperationException($"the tutorial does not expect a verdict decided by {decidedBy}: {check}"),
        };
    }

    [GeneratedRegex(@"packets \d+ bytes \d+")]
    private static partial Regex CounterValues();
}
