using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Engine;

/// <summary>OWASP CRS v4 at paranoia level 1 behind a minimal base configuration, compiled once for a test class.</summary>
public sealed class CrsEngineFixture
{
    public CrsEngineFixture()
    {
        Log = new RecordingLog();
        Engine = WafEngine.LoadText(Configuration(blocking: true), new WafEngineOptions { Log = Log }, CrsLocation.V4Directory);
    }

    public WafEngine Engine { get; }

    public RecordingLog Log { get; }

    /// <summary>The base settings (ours, after ModSecurity's recommended configuration), CRS's setup and every rule file.</summary>
    public static string Configuration(bool blocking) => $"""
        SecRuleEngine {(blocking ? "On" : "DetectionOnly")}
        SecRequestBodyAccess On
        SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        SecResponseBodyAccess On
        SecResponseBodyMimeType text/plain text/html text/xml
        Include crs-setup.conf.example
        Include rules/*.conf
        """;
}
