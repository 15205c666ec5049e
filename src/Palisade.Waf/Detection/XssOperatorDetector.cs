using Palisade.Waf.Operators;

namespace Palisade.Waf.Detection;

/// <summary>
/// @detectXSS as the operator factory consumes it (<see cref="OperatorFactoryOptions.XssDetector"/>):
/// <see cref="XssDetector"/>, with the whole input as the TX.0 evidence, which is what ModSecurity captures.
/// </summary>
public sealed class XssOperatorDetector : IInjectionDetector
{
    private XssOperatorDetector()
    {
    }

    public static XssOperatorDetector Instance { get; } = new();

    public bool IsMatch(ReadOnlySpan<char> input) => XssDetector.IsXss(input);

    public bool IsMatch(ReadOnlySpan<char> input, out string? evidence)
    {
        evidence = XssDetector.IsXss(input) ? input.ToString() : null;
        return evidence is not null;
    }
}
