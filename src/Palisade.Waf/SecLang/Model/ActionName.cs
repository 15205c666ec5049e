namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// The actions a rule may carry. Closed list: what CRS v4, Debian's CRS 3.3.4 and the recommended base configuration
/// use, plus ModSecurity's simple metadata and collection actions. Actions that run programs or rewrite traffic
/// (exec, proxy, append, prepend, sanitise*) are deliberately absent.
/// </summary>
public enum ActionName
{
    Accuracy,
    Allow,
    AuditLog,
    Block,
    Capture,
    Chain,
    Ctl,
    Deny,
    Drop,
    ExpireVar,
    Id,
    InitCol,
    Log,
    LogData,
    Maturity,
    Msg,
    MultiMatch,
    NoAuditLog,
    NoLog,
    Pass,
    Phase,
    Redirect,
    Rev,
    SetEnv,
    SetRsc,
    SetSid,
    SetUid,
    SetVar,
    Severity,
    Skip,
    SkipAfter,
    Status,
    Tag,
    Transformation,
    Ver,
    Xmlns,
}
