using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Palisade.Contracts;
using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Application;

/// <summary>
/// The digest of a policy: SHA-256 (lowercase hex) of its canonical JSON — the wire form with object members
/// sorted by name and the revision zeroed, so a revision bump that changes nothing does not make agents re-apply,
/// and dictionary order (which varies between processes) does not matter.
/// </summary>
internal static class PolicyDigest
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string Compute(InstancePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var node = JsonSerializer.SerializeToNode(policy with { Revision = 0 }, ApiJson.Options);
        var canonical = Canonicalize(node);
        var bytes = Encoding.UTF8.GetBytes(canonical?.ToJsonString(Compact) ?? "null");
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonicalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonicalize)]),
        _ => node?.DeepClone(),
    };
}
