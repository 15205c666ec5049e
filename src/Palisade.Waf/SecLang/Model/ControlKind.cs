namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// The ctl:… kinds a rule may use to change the transaction's configuration at run time. Closed list: what CRS v4,
/// Debian's CRS 3.3.4 and the recommended base configuration use, plus the body-access switches next to them.
/// </summary>
public enum ControlKind
{
    AuditEngine,
    AuditLogParts,
    ForceRequestBodyVariable,
    RequestBodyAccess,
    RequestBodyLimit,
    RequestBodyProcessor,
    ResponseBodyAccess,
    ResponseBodyLimit,
    RuleEngine,
    RuleRemoveById,
    RuleRemoveByMsg,
    RuleRemoveByTag,
    RuleRemoveTargetById,
    RuleRemoveTargetByMsg,
    RuleRemoveTargetByTag,
}
