namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// A parsed ctl:kind=value. Exactly the members that fit <see cref="Kind"/> are set: switches in
/// <see cref="Enabled"/>, limits in <see cref="Limit"/>, rule selections in <see cref="Filter"/> (with
/// <see cref="Targets"/> for the ruleRemoveTarget* kinds), and so on.
/// </summary>
public sealed record ControlAction
{
    public required ControlKind Kind { get; init; }

    /// <summary>The text after '=' as written.</summary>
    public string Value { get; init; } = "";

    /// <summary>ruleEngine.</summary>
    public RuleEngineMode? RuleEngine { get; init; }

    /// <summary>auditEngine.</summary>
    public AuditEngineMode? AuditEngine { get; init; }

    /// <summary>auditLogParts: the parts letters, with a leading '+' or '-' when adding or removing parts.</summary>
    public string? AuditLogParts { get; init; }

    /// <summary>requestBodyAccess, responseBodyAccess, forceRequestBodyVariable.</summary>
    public bool? Enabled { get; init; }

    /// <summary>requestBodyLimit, responseBodyLimit (bytes).</summary>
    public long? Limit { get; init; }

    /// <summary>requestBodyProcessor, upper-cased: URLENCODED, MULTIPART, XML or JSON.</summary>
    public string? BodyProcessor { get; init; }

    /// <summary>ruleRemoveBy* and ruleRemoveTargetBy*: the rules concerned.</summary>
    public RuleFilter? Filter { get; init; }

    /// <summary>ruleRemoveTargetBy*: the targets to drop from those rules.</summary>
    public IReadOnlyList<RuleVariable> Targets { get; init; } = [];

    public override string ToString() => $"{ControlCatalog.NameOf(Kind)}={Value}";
}
