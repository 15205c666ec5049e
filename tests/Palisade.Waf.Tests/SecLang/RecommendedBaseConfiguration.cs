namespace Palisade.Waf.Tests.SecLang;

/// <summary>
/// A base configuration written for these tests after the settings ModSecurity recommends (its
/// modsecurity.conf-recommended): the same directives and rule shapes, our own text.
/// </summary>
internal static class RecommendedBaseConfiguration
{
    public const string Text = """
        # Base configuration for the WAF engine, modelled on ModSecurity's recommended settings.
        SecRuleEngine DetectionOnly
        SecRequestBodyAccess On

        # Hand XML and JSON bodies to their parsers.
        SecRule REQUEST_HEADERS:Content-Type "^(?:application(?:/soap\+|/)|text/)xml" \
            "id:'200000',phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        SecRule REQUEST_HEADERS:Content-Type "^application/json" \
            "id:'200001',phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"

        SecRequestBodyLimit 13107200
        SecRequestBodyNoFilesLimit 131072
        SecRequestBodyInMemoryLimit 131072
        SecRequestBodyLimitAction Reject
        SecRequestBodyJsonDepthLimit 512
        SecArgumentsLimit 1000

        # Refuse what the parsers could not take apart.
        SecRule &ARGS "@ge 1000" \
            "id:'200007', phase:2,t:none,log,deny,status:400,msg:'Failed to fully parse request body due to large argument count',severity:2"
        SecRule REQBODY_ERROR "!@eq 0" \
            "id:'200002', phase:2,t:none,log,deny,status:400,msg:'Failed to parse request body.',logdata:'%{reqbody_error_msg}',severity:2"
        SecRule MULTIPART_STRICT_ERROR "!@eq 0" \
            "id:'200003',phase:2,t:none,log,deny,status:400, \
            msg:'Multipart request body failed strict validation: \
            PE %{REQBODY_PROCESSOR_ERROR}, \
            BQ %{MULTIPART_BOUNDARY_QUOTED}, \
            BW %{MULTIPART_BOUNDARY_WHITESPACE}, \
            DB %{MULTIPART_DATA_BEFORE}, \
            DA %{MULTIPART_DATA_AFTER}, \
            HF %{MULTIPART_HEADER_FOLDING}, \
            LF %{MULTIPART_LF_LINE}, \
            SM %{MULTIPART_MISSING_SEMICOLON}, \
            IQ %{MULTIPART_INVALID_QUOTING}, \
            IP %{MULTIPART_INVALID_PART}, \
            IH %{MULTIPART_INVALID_HEADER_FOLDING}, \
            FL %{MULTIPART_FILE_LIMIT_EXCEEDED}'"
        SecRule MULTIPART_UNMATCHED_BOUNDARY "@eq 1" \
            "id:'200004',phase:2,t:none,log,deny,msg:'Multipart parser detected a possible unmatched boundary.'"

        SecPcreMatchLimit 1000
        SecPcreMatchLimitRecursion 1000

        # Internal errors raise TX flags named MSC_*.
        SecRule TX:/^MSC_/ "!@streq 0" \
            "id:'200005',phase:2,t:none,deny,msg:'ModSecurity internal error flagged: %{MATCHED_VAR_NAME}'"

        SecResponseBodyAccess On
        SecResponseBodyMimeType text/plain text/html text/xml
        SecResponseBodyLimit 524288
        SecResponseBodyLimitAction ProcessPartial

        SecTmpDir /tmp/
        SecDataDir /tmp/
        #SecUploadDir /opt/modsecurity/var/upload/
        #SecUploadKeepFiles RelevantOnly
        #SecUploadFileMode 0600
        #SecDebugLog /opt/modsecurity/var/log/debug.log
        #SecDebugLogLevel 3

        SecAuditEngine RelevantOnly
        SecAuditLogRelevantStatus "^(?:5|4(?!04))"
        SecAuditLogParts ABIJDEFHZ
        SecAuditLogType Serial
        SecAuditLog /var/log/modsec_audit.log
        #SecAuditLogStorageDir /opt/modsecurity/var/audit/

        SecArgumentSeparator &
        SecCookieFormat 0
        #SecUnicodeMapFile unicode.mapping 20127
        SecStatusEngine On
        """;
}
