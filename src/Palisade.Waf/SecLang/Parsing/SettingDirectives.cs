using System.Collections.Frozen;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// The engine setting directives: how many arguments each takes and how its value lands in
/// <see cref="EngineSettings"/> (value forms from the ModSecurity reference manual and libmodsecurity v3's parser).
/// </summary>
internal static class SettingDirectives
{
    private delegate EngineSettings Apply(EngineSettings settings, SettingArguments arguments);

    private static readonly (string Name, int MinArguments, int MaxArguments, Apply Apply)[] Specs =
    [
        ("SecRuleEngine", 1, 1, (s, a) => a.Enum<RuleEngineMode>(0, "On", "Off", "DetectionOnly") is { } v ? s with { RuleEngine = v } : s),
        ("SecRequestBodyAccess", 1, 1, (s, a) => a.OnOff(0) is { } v ? s with { RequestBodyAccess = v } : s),
        ("SecRequestBodyLimit", 1, 1, (s, a) => a.Size(0) is { } v ? s with { RequestBodyLimit = v } : s),
        ("SecRequestBodyNoFilesLimit", 1, 1, (s, a) => a.Size(0) is { } v ? s with { RequestBodyNoFilesLimit = v } : s),
        ("SecRequestBodyInMemoryLimit", 1, 1, (s, a) => a.Size(0) is { } v ? s with { RequestBodyInMemoryLimit = v } : s),
        ("SecRequestBodyLimitAction", 1, 1, (s, a) => a.Enum<BodyLimitAction>(0, "Reject", "ProcessPartial") is { } v ? s with { RequestBodyLimitAction = v } : s),
        ("SecRequestBodyJsonDepthLimit", 1, 1, (s, a) => a.Integer(0, 1, int.MaxValue) is { } v ? s with { RequestBodyJsonDepthLimit = v } : s),
        ("SecArgumentsLimit", 1, 1, (s, a) => a.Integer(0, 1, int.MaxValue) is { } v ? s with { ArgumentsLimit = v } : s),
        ("SecResponseBodyAccess", 1, 1, (s, a) => a.OnOff(0) is { } v ? s with { ResponseBodyAccess = v } : s),
        ("SecResponseBodyMimeType", 1, int.MaxValue, (s, a) => s with { ResponseBodyMimeTypes = [.. s.ResponseBodyMimeTypes ?? [], .. a.All()] }),
        ("SecResponseBodyMimeTypesClear", 0, 0, (s, _) => s with { ResponseBodyMimeTypes = [] }),
        ("SecResponseBodyLimit", 1, 1, (s, a) => a.Size(0) is { } v ? s with { ResponseBodyLimit = v } : s),
        ("SecResponseBodyLimitAction", 1, 1, (s, a) => a.Enum<BodyLimitAction>(0, "Reject", "ProcessPartial") is { } v ? s with { ResponseBodyLimitAction = v } : s),
        ("SecComponentSignature", 1, 1, (s, a) => s with { ComponentSignatures = [.. s.ComponentSignatures, a.Text(0)] }),
        ("SecAuditEngine", 1, 1, (s, a) => a.Enum<AuditEngineMode>(0, "On", "Off", "RelevantOnly") is { } v ? s with { AuditEngine = v } : s),
        ("SecAuditLog", 1, 1, (s, a) => s with { AuditLog = a.Text(0) }),
        ("SecAuditLogParts", 1, 1, (s, a) => a.AuditParts(0) is { } v ? s with { AuditLogParts = v } : s),
        ("SecAuditLogRelevantStatus", 1, 1, (s, a) => a.Pattern(0) is { } v ? s with { AuditLogRelevantStatus = v } : s),
        ("SecAuditLogType", 1, 1, (s, a) => a.Choice(0, "Serial", "Concurrent", "HTTPS") is { } v ? s with { AuditLogType = v } : s),
        ("SecAuditLogFormat", 1, 1, (s, a) => a.Choice(0, "JSON", "Native") is { } v ? s with { AuditLogFormat = v } : s),
        ("SecAuditLogStorageDir", 1, 1, (s, a) => s with { AuditLogStorageDir = a.Text(0) }),
        ("SecAuditLogDirMode", 1, 1, (s, a) => a.FileMode(0) is { } v ? s with { AuditLogDirMode = v } : s),
        ("SecAuditLogFileMode", 1, 1, (s, a) => a.FileMode(0) is { } v ? s with { AuditLogFileMode = v } : s),
        ("SecDebugLog", 1, 1, (s, a) => s with { DebugLog = a.Text(0) }),
        ("SecDebugLogLevel", 1, 1, (s, a) => a.Integer(0, 0, 9) is { } v ? s with { DebugLogLevel = v } : s),
        ("SecTmpDir", 1, 1, (s, a) => s with { TmpDir = a.Text(0) }),
        ("SecDataDir", 1, 1, (s, a) => s with { DataDir = a.Text(0) }),
        ("SecPcreMatchLimit", 1, 1, (s, a) => a.Integer(0, 1, int.MaxValue) is { } v ? s with { PcreMatchLimit = v } : s),
        ("SecPcreMatchLimitRecursion", 1, 1, (s, a) => a.Integer(0, 1, int.MaxValue) is { } v ? s with { PcreMatchLimitRecursion = v } : s),
        ("SecCollectionTimeout", 1, 1, (s, a) => a.Integer(0, 1, int.MaxValue) is { } v ? s with { CollectionTimeout = v } : s),
        ("SecUnicodeMapFile", 1, 2, (s, a) => a.Count == 2 && a.Integer(1, 1, int.MaxValue) is { } page
            ? s with { UnicodeMapFile = a.Text(0), UnicodeCodePage = page }
            : s with { UnicodeMapFile = a.Text(0) }),
        ("SecUnicodeCodePage", 1, 1, (s, a) => a.Integer(0, 1, int.MaxValue) is { } v ? s with { UnicodeCodePage = v } : s),
        ("SecStatusEngine", 1, 1, (s, a) => a.OnOff(0) is { } v ? s with { StatusEngine = v } : s),
        ("SecCookieFormat", 1, 1, (s, a) => a.Integer(0, 0, 1) is { } v ? s with { CookieFormat = v } : s),
        ("SecArgumentSeparator", 1, 1, (s, a) => a.SingleCharacter(0) is { } v ? s with { ArgumentSeparator = v } : s),
        ("SecUploadDir", 1, 1, (s, a) => s with { UploadDir = a.Text(0) }),
        ("SecUploadFileMode", 1, 1, (s, a) => a.FileMode(0) is { } v ? s with { UploadFileMode = v } : s),
        ("SecUploadKeepFiles", 1, 1, (s, a) => a.Choice(0, "On", "Off", "RelevantOnly") is { } v ? s with { UploadKeepFiles = v } : s),
        ("SecTmpSaveUploadedFiles", 1, 1, (s, a) => a.OnOff(0) is { } v ? s with { TmpSaveUploadedFiles = v } : s),
        ("SecWebAppId", 1, 1, (s, a) => s with { WebAppId = a.Text(0) }),
        ("SecGeoLookupDB", 1, 1, (s, a) => s with { GeoLookupDatabase = a.Text(0) }),
        ("SecHttpBlKey", 1, 1, (s, a) => s with { HttpBlKey = a.Text(0) }),
    ];

    private static readonly FrozenDictionary<string, (int Min, int Max, Apply Apply)> ByName =
        Specs.ToFrozenDictionary(s => s.Name, s => (s.MinArguments, s.MaxArguments, s.Apply), StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Names => Specs.Select(s => s.Name);

    /// <summary>Checks the argument count and applies the directive; returns the settings unchanged on error.</summary>
    public static EngineSettings ApplyTo(EngineSettings settings, string directive, IReadOnlyList<ArgumentToken> tokens, SourceLocation location, Diagnostics diagnostics)
    {
        var (min, max, apply) = ByName[directive];
        if (tokens.Count < min || tokens.Count > max)
        {
            var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} or {max}";
            diagnostics.Report(location, $"{directive} takes {expected} argument{(expected == "1" ? "" : "s")}, found {tokens.Count}.");
            return settings;
        }

        return apply(settings, new SettingArguments(directive, tokens, diagnostics));
    }
}
