using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Debian's CRS 3.3.4 (package modsecurity-crs) compiled into an engine the way Debian wires it: ModSecurity's
/// recommended request-body settings, then owasp-crs.load (the setup in /etc/modsecurity/crs, the optional exclusion
/// files and every rule file). Built on first use, so a test class whose tests are all skipped (package absent) never
/// touches the disk.
/// </summary>
public sealed class DebianCrsEngine
{
    private readonly Lazy<WafEngine> _engine = new(() => WafEngine.LoadText(Configuration, new WafEngineOptions { Log = new RecordingLog() }));

    public static string Configuration => $"""
        SecRuleEngine On
        SecRequestBodyAccess On
        SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        SecResponseBodyAccess On
        SecResponseBodyMimeType text/plain text/html text/xml
        Include {CrsLocation.DebianLoadFile}
        """;

    public WafEngine Engine => _engine.Value;
}
