namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// The validated values of the engine setting directives; null means "not configured" so the host applies its own
/// default. When a directive appears more than once the last one wins, as in ModSecurity.
/// </summary>
public sealed record EngineSettings
{
    public RuleEngineMode? RuleEngine { get; init; }

    public bool? RequestBodyAccess { get; init; }

    public long? RequestBodyLimit { get; init; }

    public long? RequestBodyNoFilesLimit { get; init; }

    public long? RequestBodyInMemoryLimit { get; init; }

    public BodyLimitAction? RequestBodyLimitAction { get; init; }

    public int? RequestBodyJsonDepthLimit { get; init; }

    public int? ArgumentsLimit { get; init; }

    public bool? ResponseBodyAccess { get; init; }

    /// <summary>SecResponseBodyMimeType values (accumulated, as ModSecurity does; SecResponseBodyMimeTypesClear empties).</summary>
    public IReadOnlyList<string>? ResponseBodyMimeTypes { get; init; }

    public long? ResponseBodyLimit { get; init; }

    public BodyLimitAction? ResponseBodyLimitAction { get; init; }

    /// <summary>SecComponentSignature values in order (each directive adds one).</summary>
    public IReadOnlyList<string> ComponentSignatures { get; init; } = [];

    public AuditEngineMode? AuditEngine { get; init; }

    public string? AuditLog { get; init; }

    public string? AuditLogParts { get; init; }

    public string? AuditLogRelevantStatus { get; init; }

    /// <summary>Serial, Concurrent or HTTPS.</summary>
    public string? AuditLogType { get; init; }

    /// <summary>JSON or Native.</summary>
    public string? AuditLogFormat { get; init; }

    public string? AuditLogStorageDir { get; init; }

    public string? AuditLogDirMode { get; init; }

    public string? AuditLogFileMode { get; init; }

    public string? DebugLog { get; init; }

    public int? DebugLogLevel { get; init; }

    public string? TmpDir { get; init; }

    public string? DataDir { get; init; }

    public int? PcreMatchLimit { get; init; }

    public int? PcreMatchLimitRecursion { get; init; }

    /// <summary>Seconds.</summary>
    public int? CollectionTimeout { get; init; }

    public string? UnicodeMapFile { get; init; }

    public int? UnicodeCodePage { get; init; }

    public bool? StatusEngine { get; init; }

    /// <summary>0 or 1.</summary>
    public int? CookieFormat { get; init; }

    public char? ArgumentSeparator { get; init; }

    public string? UploadDir { get; init; }

    public string? UploadFileMode { get; init; }

    /// <summary>On, Off or RelevantOnly.</summary>
    public string? UploadKeepFiles { get; init; }

    public bool? TmpSaveUploadedFiles { get; init; }

    public string? WebAppId { get; init; }

    public string? GeoLookupDatabase { get; init; }

    public string? HttpBlKey { get; init; }
}
