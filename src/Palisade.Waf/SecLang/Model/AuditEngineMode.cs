namespace Palisade.Waf.SecLang.Model;

/// <summary>SecAuditEngine and ctl:auditEngine values.</summary>
public enum AuditEngineMode
{
    Off,
    On,

    /// <summary>Only transactions that matched a logging rule or a relevant status (SecAuditLogRelevantStatus).</summary>
    RelevantOnly,
}
