using Palisade.Waf.Operators;

namespace Palisade.Waf.Detection;

/// <summary>
/// @detectSQLi as the operator factory consumes it (<see cref="OperatorFactoryOptions.SqlInjectionDetector"/>):
/// <see cref="SqlInjectionDetector"/>, with the fingerprint as the TX.0 evidence, as ModSecurity captures it.
/// </summary>
public sealed class SqlInjectionOperatorDetector : IInjectionDetector
{
    private SqlInjectionOperatorDetector()
    {
    }

    public static SqlInjectionOperatorDetector Instance { get; } = new();

    public bool IsMatch(ReadOnlySpan<char> input) => SqlInjectionDetector.IsSqlInjection(input);

    public bool IsMatch(ReadOnlySpan<char> input, out string? evidence)
    {
        // The fingerprint string is built only on a match, which is rare on clean traffic.
        evidence = SqlInjectionDetector.IsSqlInjection(input, out var fingerprint) ? fingerprint.ToString() : null;
        return evidence is not null;
    }
}
