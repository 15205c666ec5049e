namespace Palisade.SecurityGroups.Nftables;

/// <summary>
/// A named counter of a compiled ruleset. <paramref name="Name"/> is the SecurityGroupRuleId of a rule's counter
/// (one per rule, shared by all its entries and NICs, <paramref name="DeviceName"/> null) or, per NIC, one of
/// "default-ingress", "default-egress", "intra-group", "management", "control-plane".
/// </summary>
public sealed record NftCounter(string CounterName, string Name, string? DeviceName);
