namespace Palisade.Benchmarks.RuleSets;

/// <summary>The two ClassBench seed families the evaluator benchmark reproduces.</summary>
internal enum RuleSetStyle
{
    /// <summary>Access control lists: specific destinations and service ports, few wildcards.</summary>
    Acl,

    /// <summary>Firewalls: many wildcard addresses and ports, more port ranges, more "any protocol" rules.</summary>
    Firewall,
}
