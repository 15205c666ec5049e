using System.Globalization;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.Benchmarks.Nftables;

/// <summary>A one-line description of a generated policy, so that a reader knows what was measured.</summary>
internal static class PolicyShape
{
    public static string Describe(InstancePolicy policy)
    {
        var rules = policy.SecurityGroups.SelectMany(g => g.Rules).ToList();
        var ingress = rules.Count(r => r.Direction == Direction.Ingress);
        var ipv6 = rules.Count(r => r.Peer.Cidr is { Family: IpFamily.IPv6 });
        var drop = rules.Count(r => r.Policy == RulePolicy.Drop);
        var protocols = string.Join(", ", rules.GroupBy(r => r.IpProtocol).OrderByDescending(g => g.Count()).Select(g => $"{g.Key.ToCanonical()} {g.Count()}"));
        var ranges = rules.Count(r => !r.PortRange.IsAny && !r.PortRange.IsSinglePort);
        return string.Create(CultureInfo.InvariantCulture,
            $"{rules.Count:N0} rules in {policy.SecurityGroups.Length} groups on one NIC: {ingress:N0} ingress / {rules.Count - ingress:N0} egress, " +
            $"{rules.Count - ipv6:N0} IPv4 / {ipv6:N0} IPv6 peers, {drop:N0} drop, priorities 1-100; {protocols}; {ranges:N0} port ranges");
    }
}
