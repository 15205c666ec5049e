using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Operators;

/// <summary>@rx: the pattern occurs in the input. Captures are groups 0–9 of the first match.</summary>
internal sealed class RegexOperator(WafRegex regex) : CompiledOperator(OperatorName.Rx)
{
    public WafRegex Regex { get; } = regex;

    public override bool ProducesCaptures => true;

    public override bool IsMatch(ReadOnlySpan<char> input) => Regex.IsMatch(input);

    public override bool IsMatch(string input, OperatorCaptures captures) => Regex.Match(input, captures);
}
