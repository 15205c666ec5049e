using System.Text;

namespace Palisade.Waf.Tests.Performance;

/// <summary>
/// SecLang rules that cannot match a benign request, in the shapes CRS's own rules have: @rx, @pm, @streq,
/// @contains and counting over ARGS, ARGS_NAMES, cookies, headers and the path, with the transformation chains
/// CRS applies to those same targets (so an engine that caches transformed values sees nothing new), blocking and
/// logging actions, one rule per id. Tokens like "never-seen-token-17" appear in no request.
/// </summary>
internal static class FillerRules
{
    public const int FirstId = 9_100_000;

    /// <summary>CRS's XSS chain (941 rules, paranoia level 1), applied there to the same targets.</summary>
    private const string XssTransformations = "t:none,t:utf8toUnicode,t:urlDecodeUni,t:htmlEntityDecode,t:jsDecode,t:cssDecode,t:removeNulls";

    public static string Generate(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var id = FirstId + i;
            var rule = (i % 5) switch
            {
                0 => $"SecRule REQUEST_COOKIES|REQUEST_COOKIES_NAMES|ARGS_NAMES|ARGS \"@rx (?i)never-seen-token-{i}-[a-z]{{3}}\" " +
                     $"\"id:{id},phase:2,block,capture,t:none,t:urlDecodeUni,log,msg:'Filler rule {i}',logdata:'%{{TX.0}}',tag:'palisade/filler',severity:'CRITICAL'," +
                     "setvar:'tx.inbound_anomaly_score_pl1=+%{tx.critical_anomaly_score}'\"",
                1 => $"SecRule REQUEST_HEADERS:User-Agent|REQUEST_HEADERS:Referer \"@streq never-seen-agent-{i}\" \"id:{id},phase:1,deny,status:403,t:none,log,msg:'Filler rule {i}'\"",
                2 => $"SecRule REQUEST_COOKIES|REQUEST_COOKIES_NAMES|REQUEST_HEADERS:User-Agent|REQUEST_HEADERS:Referer|ARGS_NAMES|ARGS|REQUEST_FILENAME " +
                     $"\"@pm neverphrasea{i} neverphraseb{i} neverphrasec{i}\" \"id:{id},phase:2,block,{XssTransformations},log,msg:'Filler rule {i}',tag:'palisade/filler'\"",
                3 => $"SecRule REQUEST_FILENAME \"@contains /never-seen-path-{i}/\" \"id:{id},phase:1,deny,t:none,log,msg:'Filler rule {i}'\"",
                _ => $"SecRule &ARGS:never_seen_argument_{i} \"@gt 0\" \"id:{id},phase:2,deny,t:none,log,msg:'Filler rule {i}'\"",
            };
            text.Append(rule).Append('\n');
        }

        return text.ToString();
    }

    public static bool IsFiller(int? id) => id is >= FirstId and < FirstId + 1_000_000;
}
