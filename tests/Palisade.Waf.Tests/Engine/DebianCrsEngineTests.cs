using Palisade.Waf.Tests.SecLang;

namespace Palisade.Waf.Tests.Engine;

/// <summary>
/// Issue 3: "Debian's CRS 3.3.4 loads without errors and blocks the classic SQLi/XSS/traversal probes". At paranoia
/// level 1 with the default inbound threshold of 5, one critical detection (score 5) makes 949110 deny with 403.
/// </summary>
public sealed class DebianCrsEngineTests(DebianCrsEngine debian) : IClassFixture<DebianCrsEngine>
{
    [DebianCrsFact]
    public void Load_DebianCrs334_CompilesEveryRule()
    {
        var engine = debian.Engine;

        // 634 rules from owasp-crs.load (see docs/waf-seclang.md) and our two body-processor rules.
        Assert.Equal(636, engine.RuleCount);
        Assert.Equal(Palisade.Waf.SecLang.Model.RuleEngineMode.On, engine.Mode);
    }

    [DebianCrsFact]
    public void Get_ClassicProbes_EachDeniedByAnomalyScoreWithItsDetectionRule()
    {
        // (request target, a rule of the attack's family that must fire)
        (string Target, int Detection)[] probes =
        [
            ("/?id=1%27%20OR%20%271%27%3D%271", 942100),                   // SQLi (libinjection)
            ("/?id=1%20UNION%20SELECT%20password%20FROM%20users", 942100),  // SQLi union
            ("/?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", 941100),          // XSS (libinjection)
            ("/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", 941100),      // XSS event handler
            ("/?file=..%2F..%2F..%2F..%2Fetc%2Fpasswd", 930110),           // path traversal
            ("/?file=%2Fetc%2Fpasswd", 930120),                             // OS file access
            ("/?cmd=%3Bcat%20%2Fetc%2Fpasswd", 932100),                    // Unix RCE
            ("/?x=%3C%3Fphp%20system(%27id%27)%3B%20%3F%3E", 933100),       // PHP open tag
        ];

        foreach (var (target, detection) in probes)
        {
            using var transaction = CrsProbeTests.Run(debian.Engine, "GET", target, body: null);

            var ids = transaction.MatchedRules.Select(r => r.Id).ToList();
            Assert.True(ids.Contains(detection), $"{target}: {detection} did not fire; fired {string.Join(' ', ids)}");
            Assert.True(ids.Contains(949110), $"{target}: 949110 did not fire; fired {string.Join(' ', ids)}");
            Assert.Equal(403, transaction.Intervention?.Status);
            Assert.Equal(949110, transaction.Intervention?.RuleId);
        }
    }

    [DebianCrsFact]
    public void Post_FormWithSqlInjection_DeniedInPhase2()
    {
        using var transaction = CrsProbeTests.Run(debian.Engine, "POST", "/login", "user=admin%27--&password=x");

        Assert.Contains(transaction.MatchedRules, r => r.Id == 942100 && r.Phase == 2);
        Assert.Equal(403, transaction.Intervention?.Status);
    }

    [DebianCrsFact]
    public void BenignRequests_Pass_WithoutAnyLoggedMatch()
    {
        (string Method, string Target, string? Body, string? ContentType)[] requests =
        [
            ("GET", "/index.html?page=2&sort=name", null, null),
            ("GET", "/search?q=how+to+bake+bread&lang=en", null, null),
            ("POST", "/comment", "name=Alice&comment=Hello%2C+nice+article%21+See+you+soon.", null),
            ("POST", "/api/orders", """{"customer":"Bob","items":[{"sku":"A-100","qty":2}],"note":"leave at the door"}""", "application/json"),
        ];

        foreach (var (method, target, body, contentType) in requests)
        {
            using var transaction = CrsProbeTests.Run(debian.Engine, method, target, body, contentType);

            Assert.True(transaction.Intervention is null, $"{method} {target} was stopped by {transaction.Intervention?.RuleId}");
            var logged = transaction.MatchedRules.Where(r => r.ErrorLine.Length > 0).Select(r => r.Id);
            Assert.True(!logged.Any(), $"{method} {target} logged {string.Join(' ', logged)}");
        }
    }
}
