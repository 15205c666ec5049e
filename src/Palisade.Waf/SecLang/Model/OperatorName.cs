namespace Palisade.Waf.SecLang.Model;

/// <summary>
/// The operators a rule may use. Closed list: what CRS v4, Debian's CRS 3.3.4 and the recommended base configuration
/// use, plus ModSecurity's trivial string and number comparisons. Aliases (@pmf, @ipMatchF) map to one member.
/// </summary>
public enum OperatorName
{
    BeginsWith,
    Contains,
    ContainsWord,
    DetectSqli,
    DetectXss,
    EndsWith,
    Eq,
    Ge,
    GeoLookup,
    Gt,
    IpMatch,
    IpMatchFromFile,
    Le,
    Lt,
    NoMatch,
    Pm,
    PmFromFile,
    Rbl,
    Rx,
    StrEq,
    StrMatch,
    UnconditionalMatch,
    ValidateByteRange,
    ValidateUrlEncoding,
    ValidateUtf8Encoding,
    Within,
}
