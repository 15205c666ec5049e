namespace Palisade.SecurityGroups.Analysis;

/// <summary>Rule-set anomalies after Al-Shaer and Hamed, "Firewall Policy Advisor" (IEEE INFOCOM 2004).</summary>
public enum AnomalyType
{
    /// <summary>The rule never applies: earlier rules match all its traffic, and some of it gets the other verdict.</summary>
    Shadowed,

    /// <summary>Removing the rule changes nothing: other rules decide all its traffic with the same verdict.</summary>
    Redundant,

    /// <summary>Two rules with different verdicts partly overlap; the earlier one wins on the overlap.</summary>
    Correlated,

    /// <summary>A later rule matches everything an earlier rule of the other verdict does, and more.</summary>
    Generalization,
}
