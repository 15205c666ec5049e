using Palisade.Waf.Engine;

namespace Palisade.Waf.Tests.Performance;

/// <summary>
/// Two engines compiled once for the allocation tests: CRS v4 at paranoia level 1 behind a base configuration, and
/// the same configuration followed by <see cref="FillerCount"/> rules that cannot match (<see cref="FillerRules"/>).
/// </summary>
public sealed class FillerRulesFixture
{
    public const int FillerCount = 1_000;

    public FillerRulesFixture()
    {
        Crs = WafEngine.LoadText(Configuration, baseDirectory: CrsLocation.V4Directory);
        CrsWithFillers = WafEngine.LoadText(Configuration + FillerRules.Generate(FillerCount), baseDirectory: CrsLocation.V4Directory);
    }

    public WafEngine Crs { get; }

    public WafEngine CrsWithFillers { get; }

    /// <summary>Blocking, request bodies inspected, JSON and XML bodies parsed, CRS's setup and every rule file.</summary>
    private static string Configuration => """
        SecRuleEngine On
        SecRequestBodyAccess On
        SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:100001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
        SecRule REQUEST_HEADERS:Content-Type "@rx ^application/json" "id:100002,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
        SecResponseBodyAccess Off
        SecAuditEngine Off
        Include crs-setup.conf.example
        Include rules/*.conf

        """;
}
