using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.SecLang;

/// <summary>Engine setting directives land in <see cref="EngineSettings"/> with typed, checked values.</summary>
public sealed class EngineSettingsTests
{
    [Fact]
    public void Parse_BaseConfiguration_EverySettingTyped()
    {
        var settings = SecLangText.Load(RecommendedBaseConfiguration.Text).Settings;

        Assert.Equal(RuleEngineMode.DetectionOnly, settings.RuleEngine);
        Assert.Equal((true, 13107200L, 131072L, 131072L, BodyLimitAction.Reject), (settings.RequestBodyAccess, settings.RequestBodyLimit, settings.RequestBodyNoFilesLimit, settings.RequestBodyInMemoryLimit, settings.RequestBodyLimitAction));
        Assert.Equal((512, 1000), (settings.RequestBodyJsonDepthLimit, settings.ArgumentsLimit));
        Assert.Equal((true, 524288L, BodyLimitAction.ProcessPartial), (settings.ResponseBodyAccess, settings.ResponseBodyLimit, settings.ResponseBodyLimitAction));
        Assert.Equal(["text/plain", "text/html", "text/xml"], settings.ResponseBodyMimeTypes);
        Assert.Equal((AuditEngineMode.RelevantOnly, "^(?:5|4(?!04))", "ABIJDEFHZ", "Serial", "/var/log/modsec_audit.log"), (settings.AuditEngine, settings.AuditLogRelevantStatus, settings.AuditLogParts, settings.AuditLogType, settings.AuditLog));
        Assert.Equal(('&', 0, true, 1000, 1000), (settings.ArgumentSeparator, settings.CookieFormat, settings.StatusEngine, settings.PcreMatchLimit, settings.PcreMatchLimitRecursion));
        Assert.Equal(("/tmp/", "/tmp/"), (settings.TmpDir, settings.DataDir));
    }

    [Fact]
    public void Parse_LessCommonSettings_Typed()
    {
        var settings = SecLangText.Load("""
            SecComponentSignature "OWASP_CRS/4.28.0"
            SecComponentSignature "site/1"
            SecAuditLogFormat JSON
            SecAuditLogStorageDir /var/log/audit/
            SecAuditLogDirMode 0750
            SecAuditLogFileMode default
            SecDebugLog /var/log/debug.log
            SecDebugLogLevel 3
            SecCollectionTimeout 600
            SecUnicodeMapFile unicode.mapping 20127
            SecUploadDir /var/upload
            SecUploadFileMode 0600
            SecUploadKeepFiles RelevantOnly
            SecTmpSaveUploadedFiles on
            SecWebAppId shop
            SecResponseBodyMimeType text/plain
            SecResponseBodyMimeTypesClear
            SecResponseBodyMimeType application/json
            """).Settings;

        Assert.Equal(["OWASP_CRS/4.28.0", "site/1"], settings.ComponentSignatures);
        Assert.Equal(("JSON", "0750", "default", 3, 600), (settings.AuditLogFormat, settings.AuditLogDirMode, settings.AuditLogFileMode, settings.DebugLogLevel, settings.CollectionTimeout));
        Assert.Equal(("unicode.mapping", 20127), (settings.UnicodeMapFile, settings.UnicodeCodePage));
        Assert.Equal(("0600", "RelevantOnly", true, "shop"), (settings.UploadFileMode, settings.UploadKeepFiles, settings.TmpSaveUploadedFiles, settings.WebAppId));
        Assert.Equal(["application/json"], settings.ResponseBodyMimeTypes);
    }

    [Fact]
    public void Parse_SettingRepeated_LastOneWinsAndBothRecordedAsItems()
    {
        var configuration = SecLangText.Load("SecRuleEngine On\nSecRuleEngine off");

        Assert.Equal(RuleEngineMode.Off, configuration.Settings.RuleEngine);
        Assert.Equal(["SecRuleEngine On", "SecRuleEngine off"], configuration.Items.Cast<SettingDirective>().Select(s => s.ToString()));
    }

    [Fact]
    public void Parse_NothingConfigured_SettingsUnset()
    {
        var settings = SecLangText.Load("SecAction \"id:1,pass\"").Settings;

        Assert.Equal(new EngineSettings { ComponentSignatures = settings.ComponentSignatures }, settings);
        Assert.Null(settings.RuleEngine);
    }
}
