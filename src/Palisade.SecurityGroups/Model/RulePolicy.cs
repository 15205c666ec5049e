namespace Palisade.SecurityGroups.Model;

/// <summary>What a matching rule does. Drop is silent: no reset, no ICMP error.</summary>
public enum RulePolicy
{
    Accept,
    Drop,
}
