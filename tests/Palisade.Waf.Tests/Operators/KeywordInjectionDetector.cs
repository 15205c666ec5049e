using Palisade.Waf.Operators;

namespace Palisade.Waf.Tests.Operators;

/// <summary>
/// A small but real <see cref="IInjectionDetector"/> (a fixed keyword), standing in for the Detection library's
/// detectors so the factory's seam can be tested on its own.
/// </summary>
internal sealed class KeywordInjectionDetector(string keyword, string fingerprint) : IInjectionDetector
{
    public bool IsMatch(ReadOnlySpan<char> input) => input.Contains(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsMatch(ReadOnlySpan<char> input, out string? evidence)
    {
        var matched = IsMatch(input);
        evidence = matched ? fingerprint : null;
        return matched;
    }
}
