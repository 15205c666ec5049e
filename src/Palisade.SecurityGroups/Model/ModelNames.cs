using Palisade.Core;

namespace Palisade.SecurityGroups.Model;

/// <summary>Canonical wire names of the model's enums, case-insensitive in, as the cloud API writes them out.</summary>
public static class ModelNames
{
    public static string ToCanonical(this Direction value) => value == Direction.Ingress ? "ingress" : "egress";

    public static string ToCanonical(this RulePolicy value) => value == RulePolicy.Accept ? "accept" : "drop";

    public static string ToCanonical(this NicType value) => value == NicType.Intranet ? "intranet" : "internet";

    public static string ToCanonical(this SecurityGroupType value) => value == SecurityGroupType.Normal ? "normal" : "enterprise";

    public static string ToCanonical(this InnerAccessPolicy value) => value == InnerAccessPolicy.Accept ? "Accept" : "Drop";

    public static bool TryParseDirection(string? text, out Direction value) =>
        TryParse(text, out value, ("ingress", Direction.Ingress), ("egress", Direction.Egress));

    public static bool TryParsePolicy(string? text, out RulePolicy value) =>
        TryParse(text, out value, ("accept", RulePolicy.Accept), ("drop", RulePolicy.Drop));

    public static bool TryParseNicType(string? text, out NicType value) =>
        TryParse(text, out value, ("intranet", NicType.Intranet), ("internet", NicType.Internet));

    public static bool TryParseGroupType(string? text, out SecurityGroupType value) =>
        TryParse(text, out value, ("normal", SecurityGroupType.Normal), ("enterprise", SecurityGroupType.Enterprise));

    public static bool TryParseInnerAccessPolicy(string? text, out InnerAccessPolicy value) =>
        TryParse(text, out value, ("accept", InnerAccessPolicy.Accept), ("drop", InnerAccessPolicy.Drop));

    public static string Protocol(IpProtocol protocol) => protocol.ToCanonical();

    private static bool TryParse<T>(string? text, out T value, params (string Name, T Value)[] names)
    {
        var trimmed = text?.Trim();
        foreach (var (name, candidate) in names)
        {
            if (string.Equals(trimmed, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default!;
        return false;
    }
}
