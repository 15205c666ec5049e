using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>@detectSQLi / @detectXSS: delegates to the detector given to the factory.</summary>
internal sealed class InjectionDetectionOperator(OperatorName name, IInjectionDetector detector) : CompiledOperator(name)
{
    public override bool ProducesCaptures => true;

    public override bool IsMatch(ReadOnlySpan<char> input) => detector.IsMatch(input);

    public override bool IsMatch(string input, OperatorCaptures captures)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(captures);
        captures.Clear();
        if (!detector.IsMatch(input, out var evidence))
        {
            return false;
        }

        if (evidence is not null)
        {
            captures.Set(0, evidence.AsMemory());
        }

        return true;
    }
}
