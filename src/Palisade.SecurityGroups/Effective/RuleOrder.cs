using Palisade.SecurityGroups.Model;

namespace Palisade.SecurityGroups.Effective;

/// <summary>
/// Evaluation order of pooled rules: smaller priority first; at equal priority drop before accept; then the rule
/// created first, then the rule id, so that the order — and so which rule's counter a packet hits — is stable.
/// </summary>
public sealed class RuleOrder : IComparer<SecurityGroupRule>
{
    public static RuleOrder Instance { get; } = new();

    public int Compare(SecurityGroupRule? x, SecurityGroupRule? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byPriority = x.Priority.CompareTo(y.Priority);
        if (byPriority != 0)
        {
            return byPriority;
        }

        var byPolicy = PolicyRank(x.Policy).CompareTo(PolicyRank(y.Policy));
        if (byPolicy != 0)
        {
            return byPolicy;
        }

        var byTime = x.CreationTime.CompareTo(y.CreationTime);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.SecurityGroupRuleId, y.SecurityGroupRuleId);
    }

    private static int PolicyRank(RulePolicy policy) => policy == RulePolicy.Drop ? 0 : 1;
}
