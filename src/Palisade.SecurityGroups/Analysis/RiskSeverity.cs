namespace Palisade.SecurityGroups.Analysis;

/// <summary>How urgent a finding is; ordered so that a larger value is more severe.</summary>
public enum RiskSeverity
{
    Low,
    Medium,
    High,
}
