namespace Palisade.Waf.Operators;

/// <summary>
/// The seam @detectSQLi and @detectXSS plug into: the detectors live in Palisade.Waf.Detection and are handed to
/// <see cref="OperatorFactory"/> through <see cref="OperatorFactoryOptions"/>. Implementations must be thread-safe
/// and should not allocate when the input is clean.
/// </summary>
public interface IInjectionDetector
{
    /// <summary>True when the byte string looks like an injection.</summary>
    bool IsMatch(ReadOnlySpan<char> input);

    /// <summary>
    /// Same verdict, plus the evidence ModSecurity stores in TX.0 when the rule captures (libinjection's SQLi
    /// fingerprint, e.g. "s&amp;1c"); null when there is none.
    /// </summary>
    bool IsMatch(ReadOnlySpan<char> input, out string? evidence);
}
