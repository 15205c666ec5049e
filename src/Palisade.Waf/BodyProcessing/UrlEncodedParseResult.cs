namespace Palisade.Waf.BodyProcessing;

/// <summary>What <see cref="UrlEncodedParser"/> did: arguments added, whether an invalid %-sequence was seen (URLENCODED_ERROR), whether the limit dropped some.</summary>
internal readonly record struct UrlEncodedParseResult(int Added, bool InvalidEncoding, bool LimitExceeded);
